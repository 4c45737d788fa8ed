import { describe, expect, it } from "vitest";
import { BSUID, FIXTURES, fixtureBytes } from "./cloud-fixtures.js";
import { batchDelivery, cloudDelivery, messagesChange } from "./fixtures.js";
import { APP_SECRET, post, settle, sign, start, VERIFY_TOKEN } from "./webhook-harness.js";

/** Starts the cloud handler and POSTs `body` (an object as JSON, bytes as they are), signed. */
async function deliver(
  body: unknown,
  options: Parameters<typeof start>[0] = { mode: "cloud", appSecret: APP_SECRET },
) {
  const started = await start(options);
  const bytes = Buffer.isBuffer(body)
    ? body
    : Buffer.from(typeof body === "string" ? body : JSON.stringify(body));
  const response = await post(started.url, bytes, { "x-hub-signature-256": sign(bytes) });
  await settle();
  const logged = (text: string) => started.logger.lines.some((line) => line.includes(text));
  return { ...started, response, logged };
}

describe("POST /whatsapp/webhook (cloud): what a signed delivery does", () => {
  it("relays a BSUID-only message with its BSUID and username, and learns the pair", async () => {
    const { response, relayed, learned } = await deliver(fixtureBytes(FIXTURES.bsuidInbound));

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(relayed).toEqual([
      [
        expect.objectContaining({
          bsuid: BSUID,
          username: "@realsheenanelson",
          profileName: "Sheena Nelson",
        }),
      ],
    ]);
    expect(relayed[0]?.[0]).not.toHaveProperty("waId");
    expect(learned).toEqual([{ bsuid: BSUID, username: "@realsheenanelson" }]);
  });

  it("tolerates the 2025 draft's empty from and wa_id", async () => {
    const { response, relayed } = await deliver(fixtureBytes(FIXTURES.draftInbound));

    expect(response.status).toBe(200);
    expect(relayed).toEqual([[expect.objectContaining({ bsuid: "user.93737..." })]]);
  });

  it("relays the OpenAPI example and pywa's message from their numbers", async () => {
    const openapi = await deliver(fixtureBytes(FIXTURES.openapiText));
    const pywa = await deliver(fixtureBytes(FIXTURES.pywaText));

    expect(openapi.relayed).toEqual([[expect.objectContaining({ waId: "16505551234" })]]);
    expect(pywa.relayed).toEqual([[expect.objectContaining({ waId: "972987654321", bsuid: BSUID })]]);
    expect(pywa.learned).toEqual([{ waId: "972987654321", bsuid: BSUID }]);
  });

  describe("with nothing to relay, answers 200 and logs it (Meta would resend anything else for 7 days)", () => {
    it("accepts statuses, relays nothing and learns the ids they name", async () => {
      const { response, relayed, learned, logged } = await deliver(fixtureBytes(FIXTURES.statusToBsuid));

      expect(response.status).toBe(200);
      expect(relayed).toEqual([]);
      expect(learned).toEqual([{ bsuid: BSUID, username: "@pablomorales" }]);
      expect(logged("cloud webhook delivery with no message to relay")).toBe(true);
    });

    it("accepts a failed status that names a number only, and learns nothing", async () => {
      const { response, learned } = await deliver(fixtureBytes(FIXTURES.statusFailed));

      expect(response.status).toBe(200);
      expect(learned).toEqual([]);
    });

    it.each([
      ["a body that is not JSON", '{"object": "whatsapp_business_account", "entry": [', "is not JSON"],
      ["JSON that is not a notification", { hello: "world" }, "parts left aside"],
      [
        "a change of another field",
        cloudDelivery([[{ field: "account_update", value: {} }]]),
        "parts left aside",
      ],
      ["an entry without changes", cloudDelivery(["oops" as unknown as unknown[]]), "parts left aside"],
    ])("accepts %s and logs it", async (_, body, logLine) => {
      const { response, relayed, logged } = await deliver(body);

      expect(response.status).toBe(200);
      expect(relayed).toEqual([]);
      expect(logged(logLine)).toBe(true);
    });

    it("relays the usable messages of a delivery that also holds malformed ones", async () => {
      const good = { from: "16505551234", id: "wamid.GOOD", timestamp: "1749416383", type: "text" };
      const body = cloudDelivery([[messagesChange({ messages: [{ ...good, id: 7 }, good] })]]);
      const { response, relayed, logger } = await deliver(body);

      expect(response.status).toBe(200);
      expect(relayed).toEqual([[expect.objectContaining({ messageId: "wamid.GOOD" })]]);
      const warning = logger.lines.find((line) => line.includes("parts left aside"));
      expect(warning).toContain("entry 0 change 0 message 0: id:");
    });
  });

  it("answers a batch of 1,000 updates at once and relays them all, in order", async () => {
    const started = performance.now();
    const { response, relayed, learned } = await deliver(batchDelivery(4, 5, 50));

    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(relayed).toHaveLength(1);
    expect(relayed[0]).toHaveLength(1000);
    expect(relayed[0]?.[999]?.messageId).toBe("wamid.BATCH3.4.49");
    expect(learned).toHaveLength(20);
  });

  it("still relays when the directory cannot store what it learned, and says so once", async () => {
    const { relayed, logger } = await deliver(fixtureBytes(FIXTURES.bsuidInbound), {
      mode: "cloud",
      appSecret: APP_SECRET,
      directory: { learn: async () => Promise.reject(new Error("store unreachable")) },
    });

    expect(relayed).toHaveLength(1);
    expect(logger.lines.filter((line) => line.includes("could not store what a webhook says"))).toHaveLength(
      1,
    );
  });
});

describe("GET /whatsapp/webhook (the Cloud subscription check)", () => {
  const check = (url: string, params: Record<string, string>) =>
    fetch(`${url}?${new URLSearchParams(params)}`);
  const subscribe = (token: string) => ({
    "hub.mode": "subscribe",
    "hub.verify_token": token,
    "hub.challenge": "1158201444",
  });

  it("answers the challenge as plain text when the verify token matches", async () => {
    const { url } = await start({ mode: "cloud", appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN });

    const response = await check(url, subscribe(VERIFY_TOKEN));

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await response.text()).toBe("1158201444");
  });

  it.each([
    ["a wrong verify token", subscribe("nope")],
    ["a prefix of the verify token", subscribe(VERIFY_TOKEN.slice(0, 6))],
    ["another mode", { ...subscribe(VERIFY_TOKEN), "hub.mode": "unsubscribe" }],
    ["no challenge", { "hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN }],
    ["no parameters", {}],
  ])("answers 403 to %s, without the challenge", async (_, params: Record<string, string>) => {
    const { url } = await start({ mode: "cloud", appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN });

    const response = await check(url, params);

    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain("1158201444");
  });

  it.each([
    ["no verify token is configured", { mode: "cloud", appSecret: APP_SECRET } as const],
    ["the webhook is the on-prem one", { mode: "onprem", secret: "s" } as const],
  ])("answers 403 when %s", async (_, options) => {
    const { url } = await start(options);

    expect((await check(url, subscribe(""))).status).toBe(403);
  });
});
