import { describe, expect, it } from "vitest";
import { createRelay } from "../../src/relay/relay-service.js";
import { renderRelayedMessage } from "../../src/relay/render-relayed-message.js";
import { captureLogger } from "../support/capture-logger.js";
import { CHANNEL, DAY, memoryThreadIndex, message, NOON_JUNE_10, setup } from "./relay-harness.js";

describe("createRelay", () => {
  describe("with a new text message", () => {
    it("posts it once to the relay channel, rendered, with the inbound metadata", async () => {
      const { relay, posts } = setup();
      const inbound = message("wamid.A1", { profileName: "Kerry Fisher" });

      await relay([inbound]);

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

    it("records the contact's message with the time it was sent", async () => {
      const { relay, recorded } = setup();

      await relay([message("wamid.A1")]);

      expect(recorded).toEqual([
        { contact: "16315551234", messageId: "wamid.A1", at: "2024-06-10T12:00:00.000Z" },
      ]);
    });
  });

  describe("with a media message", () => {
    it("posts the note of its type", async () => {
      const { relay, posts } = setup();

      await relay([message("wamid.M1", { type: "image", mediaNote: "📷 image (no preview)" })]);

      expect(posts).toHaveLength(1);
      expect(JSON.stringify(posts[0]?.blocks)).toContain("📷 image (no preview)");
    });
  });

  describe("with a message already seen", () => {
    it("skips it, whether it comes again in a later delivery or twice in one", async () => {
      const { relay, posts } = setup();

      await relay([message("wamid.A1")]);
      await relay([message("wamid.A1"), message("wamid.B2"), message("wamid.B2")]);

      expect(posts.map((post) => post.metadata.event_payload.message_id)).toEqual(["wamid.A1", "wamid.B2"]);
    });
  });

  describe("threads", () => {
    it("puts a contact's later messages of the day in the thread of the first", async () => {
      const { relay, posts } = setup();

      await relay([message("wamid.A1")]);
      await relay([message("wamid.A2", { timestamp: NOON_JUNE_10 + 3600 })]);

      expect(posts[0]?.thread_ts).toBeUndefined();
      expect(posts[1]?.thread_ts).toBe("1718020800.000101");
    });

    it("puts a contact's messages from deliveries relayed at the same time in one thread", async () => {
      const { relay, posts } = setup();

      await Promise.all(["wamid.A1", "wamid.A2", "wamid.A3"].map((id) => relay([message(id)])));

      expect(posts.map((post) => post.thread_ts)).toEqual([
        undefined,
        "1718020800.000101",
        "1718020800.000101",
      ]);
    });

    it("starts a new thread on the next UTC day", async () => {
      const { relay, posts } = setup();
      const lastMinuteOfJune10 = Date.parse("2024-06-10T23:59:00Z") / 1000;

      await relay([message("wamid.A1", { timestamp: lastMinuteOfJune10 })]);
      await relay([message("wamid.A2", { timestamp: lastMinuteOfJune10 + 120 })]);

      expect(posts.map((post) => post.thread_ts)).toEqual([undefined, undefined]);
    });

    it("keeps each contact in their own thread", async () => {
      const { relay, posts } = setup();

      await relay([message("wamid.A1"), message("wamid.B1", { waId: "16505551234" }), message("wamid.A2")]);

      expect(posts.map((post) => post.thread_ts)).toEqual([undefined, undefined, "1718020800.000101"]);
    });

    it("waits for the thread another replica is opening, then posts at top level if it never comes", async () => {
      const { relay, posts, logger } = setup({
        threads: memoryThreadIndex(["16315551234:2024-06-10"]),
        threadWaitMs: 300,
      });
      const started = performance.now();

      await relay([message("wamid.A1")]);

      expect(performance.now() - started).toBeGreaterThanOrEqual(250);
      expect(posts.map((post) => post.thread_ts)).toEqual([undefined]);
      expect(logger.lines.some((line) => line.includes("did not open the relay thread in time"))).toBe(true);
    });

    it("does not let a sender's clock ahead of ours open tomorrow's thread", async () => {
      const { relay, posts, recorded } = setup({ now: NOON_JUNE_10 + 60 });

      await relay([message("wamid.A1")]);
      await relay([message("wamid.A2", { timestamp: NOON_JUNE_10 + DAY })]);

      expect(posts[1]?.thread_ts).toBe("1718020800.000101");
      expect(recorded[1]?.at).toBe("2024-06-10T12:01:00.000Z");
    });
  });

  describe("with several messages in one delivery", () => {
    it("posts them in the order they came", async () => {
      const { relay, posts } = setup();

      await relay(["wamid.1", "wamid.2", "wamid.3", "wamid.4"].map((id) => message(id)));

      expect(posts.map((post) => post.metadata.event_payload.message_id)).toEqual([
        "wamid.1",
        "wamid.2",
        "wamid.3",
        "wamid.4",
      ]);
    });
  });

  describe("with many deliveries at once", () => {
    it("relays at most `concurrency` messages at a time, so the webhook keeps answering fast", async () => {
      let posting = 0;
      let mostAtOnce = 0;
      const posted: string[] = [];
      const relay = createRelay({
        channel: CHANNEL,
        logger: captureLogger(),
        threads: memoryThreadIndex(),
        inbound: { record: async () => true, release: async () => {} },
        concurrency: 3,
        post: async (post) => {
          posting += 1;
          mostAtOnce = Math.max(mostAtOnce, posting);
          await new Promise((resolve) => setTimeout(resolve, 5));
          posting -= 1;
          posted.push(String(post.metadata.event_payload.message_id));
          return { ts: `1718020800.${posted.length}` };
        },
      });

      const contacts = Array.from({ length: 10 }, (_, index) => String(16315551300 + index));
      await Promise.all(contacts.map((waId) => relay([message(`wamid.${waId}`, { waId })])));

      expect(posted).toHaveLength(10);
      expect(mostAtOnce).toBe(3);
    });
  });

  describe("when a post fails", () => {
    it("still posts the next messages", async () => {
      const { relay, posts } = setup({ failPostsOf: ["wamid.A1"] });

      await relay([message("wamid.A1"), message("wamid.A2")]);

      expect(posts.map((post) => post.metadata.event_payload.message_id)).toEqual(["wamid.A2"]);
    });

    it("lets the contact's next message open the thread at once", async () => {
      const { relay, posts } = setup({ failPostsOf: ["wamid.A1"] });
      const started = performance.now();

      await relay([message("wamid.A1"), message("wamid.A2"), message("wamid.A3")]);

      expect(performance.now() - started).toBeLessThan(1000);
      expect(posts.map((post) => post.thread_ts)).toEqual([undefined, "1718020800.000101"]);
    });

    it("logs the message id but not what the contact wrote", async () => {
      const { relay, logger } = setup({ failPostsOf: ["wamid.A1"] });

      await relay([message("wamid.A1", { text: "my card number is 4111" })]);

      const log = logger.lines.join("\n");
      expect(log).toContain("wamid.A1");
      expect(log).toContain("channel_not_found");
      expect(log).not.toContain("4111");
    });

    it("gives the message id back, so a later delivery of the same message is relayed", async () => {
      const { relay, posts, released, failing } = setup({ failPostsOf: ["wamid.A1"] });

      await relay([message("wamid.A1")]);
      failing.delete("wamid.A1");
      await relay([message("wamid.A1")]);

      expect(released).toEqual(["wamid.A1"]);
      expect(posts.map((post) => post.metadata.event_payload.message_id)).toEqual(["wamid.A1"]);
    });

    it("gives nothing back for a message it could not record (another replica may hold that id)", async () => {
      const { relay, released } = setup({ failPostsOf: ["wamid.A1"], recordFails: true });

      await relay([message("wamid.A1")]);

      expect(released).toEqual([]);
    });

    it("warns with the message id only when the id cannot be given back", async () => {
      const { relay, logger } = setup({ failPostsOf: ["wamid.A1"], releaseFails: true });

      await relay([message("wamid.A1", { text: "my card number is 4111" })]);

      const warning = logger.lines.find((line) => line.includes("could not release an inbound message id"));
      expect(warning).toContain("wamid.A1");
      expect(logger.lines.join("\n")).not.toContain("4111");
    });
  });

  describe("when the inbound record cannot be stored", () => {
    it("relays the message anyway and warns", async () => {
      const { relay, posts, logger } = setup({ recordFails: true });

      await relay([message("wamid.A1")]);

      expect(posts).toHaveLength(1);
      expect(logger.lines.some((line) => line.includes('"level":"warn"') && line.includes("wamid.A1"))).toBe(
        true,
      );
    });
  });
});
