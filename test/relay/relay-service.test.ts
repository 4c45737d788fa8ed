import { describe, expect, it } from "vitest";
import { renderRelayedMessage } from "../../src/relay/render-relayed-message.js";
import { CHANNEL, DAY, memoryThreadIndex, message, NOON_JUNE_10, setup } from "./relay-harness.js";

describe("createRelayDelivery", () => {
  describe("with a text message", () => {
    it("posts it to the relay channel, rendered, with the inbound metadata", async () => {
      const { deliver, posts } = setup();
      const inbound = message("wamid.A1", { profileName: "Kerry Fisher" });

      await deliver(inbound);

      expect(posts).toEqual([
        {
          channel: CHANNEL,
          ...renderRelayedMessage(inbound),
          metadata: {
            event_type: "whatsapp_inbound_message",
            event_payload: { wa_id: "16315551234", message_id: "wamid.A1", timestamp: NOON_JUNE_10 },
          },
        },
      ]);
    });
  });

  describe("with a media message", () => {
    it("posts the note of its type", async () => {
      const { deliver, posts } = setup();

      await deliver(message("wamid.M1", { type: "image", mediaNote: "📷 image (no preview)" }));

      expect(posts).toHaveLength(1);
      expect(JSON.stringify(posts[0]?.blocks)).toContain("📷 image (no preview)");
    });
  });

  describe("threads", () => {
    it("puts a contact's later messages of the day in the thread of the first", async () => {
      const { deliverAll, posts } = setup();

      await deliverAll([message("wamid.A1"), message("wamid.A2", { timestamp: NOON_JUNE_10 + 3600 })]);

      expect(posts[0]?.thread_ts).toBeUndefined();
      expect(posts[1]?.thread_ts).toBe("1718020800.000101");
    });

    it("puts a contact's messages delivered at the same time in one thread", async () => {
      const { deliver, posts } = setup();

      await Promise.all(["wamid.A1", "wamid.A2", "wamid.A3"].map((id) => deliver(message(id))));

      expect(posts.map((post) => post.thread_ts)).toEqual([
        undefined,
        "1718020800.000101",
        "1718020800.000101",
      ]);
    });

    it("starts a new thread on the next UTC day", async () => {
      const { deliverAll, posts } = setup();
      const lastMinuteOfJune10 = Date.parse("2024-06-10T23:59:00Z") / 1000;

      await deliverAll([
        message("wamid.A1", { timestamp: lastMinuteOfJune10 }),
        message("wamid.A2", { timestamp: lastMinuteOfJune10 + 120 }),
      ]);

      expect(posts.map((post) => post.thread_ts)).toEqual([undefined, undefined]);
    });

    it("keeps each contact in their own thread", async () => {
      const { deliverAll, posts } = setup();

      await deliverAll([
        message("wamid.A1"),
        message("wamid.B1", { waId: "16505551234" }),
        message("wamid.A2"),
      ]);

      expect(posts.map((post) => post.thread_ts)).toEqual([undefined, undefined, "1718020800.000101"]);
    });

    it("waits for the thread another replica is opening, then posts at top level if it never comes", async () => {
      const { deliver, posts, logger } = setup({
        threads: memoryThreadIndex(["16315551234:2024-06-10"]),
        threadWaitMs: 300,
      });
      const started = performance.now();

      await deliver(message("wamid.A1"));

      expect(performance.now() - started).toBeGreaterThanOrEqual(250);
      expect(posts.map((post) => post.thread_ts)).toEqual([undefined]);
      expect(logger.lines.some((line) => line.includes("did not open the relay thread in time"))).toBe(true);
    });

    it("does not let a sender's clock ahead of ours open tomorrow's thread", async () => {
      const { deliverAll, posts } = setup({ now: NOON_JUNE_10 + 60 });

      await deliverAll([message("wamid.A1"), message("wamid.A2", { timestamp: NOON_JUNE_10 + DAY })]);

      expect(posts[1]?.thread_ts).toBe("1718020800.000101");
    });
  });

  describe("when a post fails", () => {
    it("rejects with Slack's error and lets the contact's next message open the thread at once", async () => {
      const { deliver, deliverAll, posts } = setup({ failPostsOf: ["wamid.A1"] });
      const started = performance.now();

      await expect(deliver(message("wamid.A1"))).rejects.toThrow("channel_not_found");
      await deliverAll([message("wamid.A2"), message("wamid.A3")]);

      expect(performance.now() - started).toBeLessThan(1000);
      expect(posts.map((post) => post.thread_ts)).toEqual([undefined, "1718020800.000101"]);
    });
  });
});
