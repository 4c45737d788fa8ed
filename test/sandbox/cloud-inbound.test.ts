import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SANDBOX_CLOUD_APP_SECRET, SandboxInputError } from "../../src/sandbox/index.js";
import { blockBody, cloudClient, cloudFixture, shapeOf, startCloudSandbox } from "./cloud-harness.js";
import { errorOf, manualClock, request, webhookReceiver } from "./sandbox-harness.js";

const NIGHT_OWL = "US.15820394857610293847";
const QUIET_HERON = "US.17263549801726354980";

const hmac = (secret: string, bytes: Buffer | string) =>
  `sha256=${createHmac("sha256", secret).update(bytes).digest("hex")}`;

/** The fixture without the fields the sandbox does not emulate (parent BSUIDs of business portfolios). */
function withoutParents(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutParents);
  if (value === null || typeof value !== "object") return value;
  const kept = Object.entries(value).filter(([key]) => !/parent_user_id$/.test(key));
  return Object.fromEntries(kept.map(([key, inner]) => [key, withoutParents(inner)]));
}

describe("inbound messages on the Cloud shape", () => {
  describe("from a phone user, with non-ASCII text", () => {
    it("POSTs Meta's webhook with non-ASCII escaped as \\uXXXX, signed over exactly those bytes", async () => {
      const hook = await webhookReceiver();
      const clock = manualClock(Date.UTC(2025, 0, 15, 12, 0, 0));
      const sandbox = await startCloudSandbox({ now: clock.now, webhook: { url: hook.url } });

      const result = await sandbox.simulateInbound({
        from: "+16315551005",
        text: "J'ai mangé des pâtes 🙂",
        name: "Zoë",
      });

      expect(result).toEqual({
        messageId: expect.stringMatching(/^wamid\./),
        timestamp: 1736942400,
        delivered: true,
        status: 200,
      });
      const [delivery] = hook.received;
      const raw = delivery?.raw ?? Buffer.alloc(0);
      const text = raw.toString("utf8");
      expect([...raw].every((byte) => byte < 0x80)).toBe(true);
      expect(text).toContain("J'ai mang\\u00e9 des p\\u00e2tes \\ud83d\\ude42");
      expect(text).toContain('"name":"Zo\\u00eb"');
      expect(sandbox.appSecret).toBe(SANDBOX_CLOUD_APP_SECRET);
      expect(delivery?.headers["x-hub-signature-256"]).toBe(hmac(SANDBOX_CLOUD_APP_SECRET, raw));
      // Not the signature of the same JSON in raw UTF-8 (what some emulators sign).
      const utf8 = JSON.stringify(JSON.parse(text));
      expect(utf8).toContain("mangé");
      expect(delivery?.headers["x-hub-signature-256"]).not.toBe(hmac(SANDBOX_CLOUD_APP_SECRET, utf8));
      expect(delivery?.headers["content-type"]).toBe("application/json");

      expect(JSON.parse(text)).toEqual({
        object: "whatsapp_business_account",
        entry: [
          {
            id: sandbox.wabaId,
            changes: [
              {
                value: {
                  messaging_product: "whatsapp",
                  metadata: { display_phone_number: "16315550100", phone_number_id: sandbox.phoneNumberId },
                  contacts: [
                    {
                      profile: { name: "Zoë", username: "@grace.okafor" },
                      wa_id: "16315551005",
                      user_id: "US.14628390175546203817",
                    },
                  ],
                  messages: [
                    {
                      from: "16315551005",
                      from_user_id: "US.14628390175546203817",
                      id: result.messageId,
                      timestamp: "1736942400",
                      type: "text",
                      text: { body: "J'ai mangé des pâtes 🙂" },
                    },
                  ],
                },
                field: "messages",
              },
            ],
          },
        ],
      });
    });

    it("signs with the webhook's own app secret when it names one", async () => {
      const hook = await webhookReceiver();
      const sandbox = await startCloudSandbox();
      sandbox.setWebhook({ url: hook.url, appSecret: "relay-app-secret" });
      await sandbox.simulateInbound({ from: "+16315551001" });
      expect(sandbox.appSecret).toBe("relay-app-secret");
      const raw = hook.received[0]?.raw ?? Buffer.alloc(0);
      expect(hook.received[0]?.headers["x-hub-signature-256"]).toBe(hmac("relay-app-secret", raw));
    });

    it("gives a phone user without a seeded BSUID a stable derived one", async () => {
      const hook = await webhookReceiver();
      const sandbox = await startCloudSandbox({ webhook: { url: hook.url } });
      await sandbox.simulateInbound({ from: "+16315551001" });
      await sandbox.simulateInbound({ from: "+16315551001" });
      const bodies = hook.received.map((delivery) => JSON.parse(delivery.raw.toString("utf8")));
      const userIds = bodies.map((body) => body.entry[0].changes[0].value.messages[0].from_user_id);
      expect(userIds[0]).toMatch(/^US\.\d{20}$/);
      expect(userIds[1]).toBe(userIds[0]);
      expect(sandbox.state.users.get("16315551001")?.userId).toBe(userIds[0]);
    });
  });

  describe("from a username-only user", () => {
    it("sends no from and no wa_id, only the BSUID and the username, like Meta's BSUID example", async () => {
      const hook = await webhookReceiver();
      const sandbox = await startCloudSandbox({ webhook: { url: hook.url } });
      const result = await sandbox.simulateInbound({
        userId: NIGHT_OWL,
        text: "Does it come in another color?",
      });

      const body = JSON.parse(hook.received[0]?.raw.toString("utf8") ?? "{}");
      const value = body.entry[0].changes[0].value;
      expect(value.contacts).toEqual([
        { profile: { name: "Night Owl", username: "@nightowl.deals" }, user_id: NIGHT_OWL },
      ]);
      expect(value.messages).toEqual([
        {
          from_user_id: NIGHT_OWL,
          id: result.messageId,
          timestamp: String(result.timestamp),
          type: "text",
          text: { body: "Does it come in another color?" },
        },
      ]);
      const fixture = withoutParents(
        cloudFixture("cloud-sandbox/meta-bsuid-inbound-text-username-no-phone.json"),
      );
      expect(shapeOf(body)).toEqual(shapeOf(fixture));
    });

    it("opens the 24-hour window, so the user can then be blocked by BSUID", async () => {
      const { sandbox, call } = await cloudClient();
      const refused = await call("POST", "/block_users", blockBody({ user_id: QUIET_HERON }));
      expect(refused.status).toBe(400);
      await sandbox.simulateInbound({ userId: QUIET_HERON });
      const blocked = await call("POST", "/block_users", blockBody({ user_id: QUIET_HERON }));
      expect(blocked.status).toBe(200);
      expect(sandbox.state.blocklist.at(-1)).toBe(QUIET_HERON);
    });

    it("makes a user of a BSUID it has never seen, with the username given", async () => {
      const sandbox = await startCloudSandbox();
      await sandbox.simulateInbound({
        userId: "US.99990000111122223333",
        username: "@new.sender",
        name: "New",
      });
      expect(sandbox.state.users.get("US.99990000111122223333")).toEqual({
        userId: "US.99990000111122223333",
        username: "@new.sender",
        name: "New",
      });
    });
  });

  it("matches the OpenAPI example's structure for a phone user without a username", async () => {
    const hook = await webhookReceiver();
    const sandbox = await startCloudSandbox({ webhook: { url: hook.url } });
    await sandbox.simulateInbound({ from: "+16315551001" });
    const body = JSON.parse(hook.received[0]?.raw.toString("utf8") ?? "{}");
    const value = body.entry[0].changes[0].value;
    delete value.contacts[0].user_id;
    delete value.messages[0].from_user_id;
    expect(shapeOf(body)).toEqual(
      shapeOf(cloudFixture("cloud-sandbox/openapi-v23-webhook-text-message.json")),
    );
  });

  describe("through the control API", () => {
    it("takes {userId, text} and answers the message id", async () => {
      const sandbox = await startCloudSandbox();
      const response = await request(sandbox, "POST", "/sandbox/inbound", {
        body: { userId: NIGHT_OWL, text: "hi" },
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        message_id: expect.stringMatching(/^wamid\./),
        delivered: false,
      });
    });

    it.each([
      ["neither from nor userId", { text: "hi" }],
      ["a parent BSUID", { userId: "US.ENT.11815799212886844830" }],
      ["a number and a BSUID of two different users", { from: "+16315551001", userId: NIGHT_OWL }],
    ])("answers 400 for %s", async (_name, body) => {
      const sandbox = await startCloudSandbox();
      const response = await request(sandbox, "POST", "/sandbox/inbound", { body });
      expect(response.status).toBe(400);
      expect(errorOf(response)?.code).toBe(1009);
    });
  });

  it("refuses a webhook URL that is not http(s)", async () => {
    const sandbox = await startCloudSandbox();
    expect(() => sandbox.setWebhook({ url: "localhost:3000/hook" })).toThrow(SandboxInputError);
  });
});
