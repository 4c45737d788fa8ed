import { describe, expect, it } from "vitest";
import { onpremStatusesOnly, onpremText } from "./fixtures.js";
import { post, SECRET, settle, start } from "./webhook-harness.js";

describe("POST /whatsapp/webhook (on-prem)", () => {
  describe("with the right secret", () => {
    it("accepts it in the X-Webhook-Secret header and relays the messages", async () => {
      const { url, relayed } = await start({ mode: "onprem", secret: SECRET });

      const response = await post(url, onpremText, { "x-webhook-secret": SECRET });
      await settle();

      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ok: true });
      expect(relayed).toEqual([
        [expect.objectContaining({ waId: "16315551234", messageId: "ABGGFlA5FpafAgo6EhEpjPzjBgUhrXHgA" })],
      ]);
    });

    it("accepts it as the ?secret= query parameter", async () => {
      const { url, relayed } = await start({ mode: "onprem", secret: SECRET });

      const response = await post(`${url}?secret=${encodeURIComponent(SECRET)}`, onpremText);
      await settle();

      expect(response.status).toBe(200);
      expect(relayed).toHaveLength(1);
    });

    it("never writes the secret to the logs", async () => {
      const { url, logger } = await start({ mode: "onprem", secret: SECRET });
      await post(`${url}?secret=${SECRET}`, onpremText);
      await post(`${url}?secret=${SECRET}`, "{not json");
      await post(url, onpremText, { "x-webhook-secret": `${SECRET}x` });
      await settle();

      expect(logger.lines.length).toBeGreaterThan(0);
      expect(logger.lines.join("\n")).not.toContain(SECRET);
    });
  });

  describe("without the right secret", () => {
    it.each([
      ["a wrong header", { "x-webhook-secret": "guess" }, ""],
      ["a wrong query parameter", {}, "?secret=guess"],
      ["a secret that is a prefix of the real one", { "x-webhook-secret": SECRET.slice(0, 5) }, ""],
      ["no secret at all", {}, ""],
    ])("answers 401 to %s and relays nothing", async (_, headers: Record<string, string>, query) => {
      const { url, relayed } = await start({ mode: "onprem", secret: SECRET });

      const response = await post(`${url}${query}`, onpremText, headers);
      await settle();

      expect(response.status).toBe(401);
      expect(relayed).toEqual([]);
    });

    it("refuses every call when no secret is configured", async () => {
      const { url, relayed } = await start({ mode: "onprem", secret: "" });

      const response = await post(`${url}?secret=`, onpremText, { "x-webhook-secret": "" });
      await settle();

      expect(response.status).toBe(401);
      expect(relayed).toEqual([]);
    });
  });

  describe("with a body that is not a notification", () => {
    it("answers 400 to malformed JSON and relays nothing", async () => {
      const { url, relayed } = await start({ mode: "onprem", secret: SECRET });

      const response = await post(url, '{"messages": [', { "x-webhook-secret": SECRET });
      await settle();

      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        ok: false,
        error: "bad_payload",
        message: "body is not valid JSON",
      });
      expect(relayed).toEqual([]);
    });

    it("answers 400 to JSON of the wrong shape", async () => {
      const { url, relayed } = await start({ mode: "onprem", secret: SECRET });

      const response = await post(url, { messages: [{ id: "x" }] }, { "x-webhook-secret": SECRET });
      await settle();

      expect(response.status).toBe(400);
      expect(relayed).toEqual([]);
    });

    it("answers 413 to a body over the size limit", async () => {
      const { url, relayed } = await start({ mode: "onprem", secret: SECRET, maxBodyBytes: 256 });

      const response = await post(
        url,
        { ...onpremText, padding: "x".repeat(300) },
        { "x-webhook-secret": SECRET },
      );

      expect(response.status).toBe(413);
      expect(relayed).toEqual([]);
    });
  });

  describe("with status callbacks only", () => {
    it("answers 200 and relays nothing", async () => {
      const { url, relayed } = await start({ mode: "onprem", secret: SECRET });

      const response = await post(url, onpremStatusesOnly, { "x-webhook-secret": SECRET });
      await settle();

      expect(response.status).toBe(200);
      expect(relayed).toEqual([]);
    });
  });

  describe("when the relay is slow or fails", () => {
    it("answers 200 before the relay finishes", async () => {
      let finishedAt: number | undefined;
      const { url } = await start({
        mode: "onprem",
        secret: SECRET,
        relay: async () => {
          await new Promise((resolve) => setTimeout(resolve, 500));
          finishedAt = Date.now();
        },
      });

      const started = Date.now();
      const response = await post(url, onpremText, { "x-webhook-secret": SECRET });
      const answeredAt = Date.now();

      expect(response.status).toBe(200);
      expect(finishedAt).toBeUndefined();
      expect(answeredAt - started).toBeLessThan(300);
    });

    it("logs a failed relay instead of leaving it unhandled", async () => {
      const { url, logger } = await start({
        mode: "onprem",
        secret: SECRET,
        relay: () => Promise.reject(new Error("slack is down")),
      });

      const response = await post(url, onpremText, { "x-webhook-secret": SECRET });
      await settle();

      expect(response.status).toBe(200);
      expect(logger.lines.some((line) => line.includes("relay of a webhook delivery failed"))).toBe(true);
    });

    it("reports the request and, once relayed, its latency", async () => {
      const surfaces: string[] = [];
      const latencies: number[] = [];
      const { url } = await start({
        mode: "onprem",
        secret: SECRET,
        metrics: {
          slackRequest: (surface) => surfaces.push(surface),
          webhookLatency: (s) => latencies.push(s),
        },
      });

      await post(url, onpremText, { "x-webhook-secret": SECRET });
      await settle();

      expect(surfaces).toEqual(["webhook"]);
      expect(latencies).toHaveLength(1);
    });
  });
});

describe("draining the relays under way (on stop)", () => {
  /** A relay that runs until the test lets it finish. */
  const heldRelay = () => {
    let finish = () => {};
    const finished = new Promise<void>((resolve) => {
      finish = resolve;
    });
    let done = false;
    const relay = async () => {
      await finished;
      done = true;
    };
    return { relay, finish, isDone: () => done };
  };

  it("waits for a relay still posting a delivery WhatsApp already had its 200 for", async () => {
    const held = heldRelay();
    const { url, handlers, logger } = await start({ mode: "onprem", secret: SECRET, relay: held.relay });
    expect((await post(url, onpremText, { "x-webhook-secret": SECRET })).status).toBe(200);

    const drained = handlers.drain(10_000);
    setTimeout(held.finish, 50);
    await drained;

    expect(held.isDone()).toBe(true);
    expect(logger.lines.join("\n")).not.toContain("cutOffDeliveries");
  });

  it("gives up at the deadline and logs how many deliveries were cut off", async () => {
    const held = heldRelay();
    const { url, handlers, logger } = await start({ mode: "onprem", secret: SECRET, relay: held.relay });
    await post(url, onpremText, { "x-webhook-secret": SECRET });
    await post(url, onpremText, { "x-webhook-secret": SECRET });

    await handlers.drain(50);
    held.finish();

    expect(held.isDone()).toBe(false);
    const warning = logger.lines.find((line) => line.includes("stopping before every webhook delivery"));
    expect(warning).toContain('"cutOffDeliveries":2');
  });

  it("forgets a delivery once relayed, so a later drain has nothing to wait for", async () => {
    const { url, handlers, logger } = await start({ mode: "onprem", secret: SECRET });
    await post(url, onpremText, { "x-webhook-secret": SECRET });
    await settle();

    await handlers.drain(0);

    expect(logger.lines.join("\n")).not.toContain("cutOffDeliveries");
  });
});
