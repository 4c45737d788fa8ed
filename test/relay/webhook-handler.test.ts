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
    it("answers 200 only once the relay has queued the delivery (docs/CONTRACT.md §5)", async () => {
      let queuedAt: number | undefined;
      const { url } = await start({
        mode: "onprem",
        secret: SECRET,
        relay: async () => {
          await new Promise((resolve) => setTimeout(resolve, 200));
          queuedAt = Date.now();
        },
      });

      const response = await post(url, onpremText, { "x-webhook-secret": SECRET });

      expect(response.status).toBe(200);
      expect(queuedAt).toBeDefined();
    });

    it("answers 503 when the delivery could not be queued, so WhatsApp delivers it again, and logs why", async () => {
      const { url, logger } = await start({
        mode: "onprem",
        secret: SECRET,
        relay: () => Promise.reject(new Error("store is down")),
      });

      const response = await post(url, onpremText, { "x-webhook-secret": SECRET });

      expect(response.status).toBe(503);
      expect(logger.lines.some((line) => line.includes("webhook delivery not queued"))).toBe(true);
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
    let calls = 0;
    const relay = async () => {
      calls += 1;
      await finished;
      done = true;
    };
    /** Resolves once `count` deliveries reached the relay. */
    const reached = async (count: number) => {
      while (calls < count) await settle();
    };
    return { relay, finish, reached, isDone: () => done };
  };

  it("waits for a delivery still being queued", async () => {
    const held = heldRelay();
    const { url, handlers, logger } = await start({ mode: "onprem", secret: SECRET, relay: held.relay });
    const answer = post(url, onpremText, { "x-webhook-secret": SECRET });
    await held.reached(1);

    const drained = handlers.drain(10_000);
    setTimeout(held.finish, 50);
    await drained;

    expect(held.isDone()).toBe(true);
    expect((await answer).status).toBe(200);
    expect(logger.lines.join("\n")).not.toContain("cutOffDeliveries");
  });

  it("gives up at the deadline and logs how many deliveries were cut off", async () => {
    const held = heldRelay();
    const { url, handlers, logger } = await start({ mode: "onprem", secret: SECRET, relay: held.relay });
    const answers = [
      post(url, onpremText, { "x-webhook-secret": SECRET }),
      post(url, onpremText, { "x-webhook-secret": SECRET }),
    ];
    await held.reached(2);

    await handlers.drain(50);
    expect(held.isDone()).toBe(false);
    held.finish();
    await Promise.all(answers);

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
