import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allText } from "../slack/views/block-helpers.js";
import type { SlackApiCall } from "../support/fake-slack-api.js";
import {
  type E2EApp,
  onPremInbound,
  postWebhook,
  RELAY_CHANNEL,
  relayedPosts,
  startE2EApp,
  trackPostedTs,
} from "./harness.js";

const newMessageId = () => `wamid.e2e-${randomUUID()}`;

describe("inbound WhatsApp messages relayed to Slack", () => {
  let app: E2EApp;
  let tsOf: (call: SlackApiCall) => string | undefined;
  beforeAll(async () => {
    app = await startE2EApp();
    tsOf = trackPostedTs(app.slack);
  });
  afterAll(async () => {
    await app.close();
  });

  const relayedOnce = (messageId: string) =>
    app.slack.waitFor(() => {
      const posts = relayedPosts(app.slack, messageId);
      return posts.length > 0 && posts;
    });

  /** Delivers a valid message after `act` and waits for its post: anything `act` set off has had its turn. */
  const settle = async () => {
    const sentinel = newMessageId();
    await postWebhook(app.url, onPremInbound({ from: "16315557099", id: sentinel }));
    await relayedOnce(sentinel);
  };

  const skippedAsDuplicate = (messageId: string) =>
    app.slack.waitFor(() =>
      app.logger.lines.some(
        (line) => line.includes("duplicate inbound message skipped") && line.includes(messageId),
      ),
    );

  describe("when the node delivers a message with the secret", () => {
    it("posts a text message to the relay channel with sender, profile name, text, ids and metadata", async () => {
      const id = newMessageId();
      const timestamp = Math.floor(Date.now() / 1000) - 30;
      const answer = await postWebhook(
        app.url,
        onPremInbound({
          from: "16315557001",
          id,
          timestamp,
          name: "Kerry Fisher",
          text: "Is the shop open today?",
        }),
      );
      expect(answer.status).toBe(200);

      const [post] = await relayedOnce(id);
      expect(post?.body.channel).toBe(RELAY_CHANNEL);
      // Slack refuses a post without the bot token: nothing would show in the channel.
      expect(post?.token).toBe("xoxb-e2e-token");
      const shown = allText(post?.body.blocks as unknown[]);
      expect(shown).toContain("Kerry Fisher");
      expect(shown).toContain("+1 631-555-7001");
      expect(shown).toContain("Is the shop open today?");
      expect(shown).toContain(`wa_id: 16315557001 · message id: ${id}`);
      expect(post?.body.text).toContain("Is the shop open today?");
      expect(post?.body.metadata).toEqual({
        event_type: "whatsapp_inbound_message",
        event_payload: { wa_id: "16315557001", message_id: id, timestamp },
      });
    });

    it("posts a media message as a note of its type, since Slack cannot show the file", async () => {
      const id = newMessageId();
      const image = { id: randomUUID(), mime_type: "image/jpeg" };
      const answer = await postWebhook(
        app.url,
        onPremInbound({ from: "16315557002", id, name: "Ana Ruiz", type: "image", content: image }),
      );
      expect(answer.status).toBe(200);

      const [post] = await relayedOnce(id);
      const shown = allText(post?.body.blocks as unknown[]);
      expect(shown).toContain("Ana Ruiz");
      expect(shown).toContain("+1 631-555-7002");
      expect(shown).toContain("📷 image (no preview)");
      expect(shown).toContain(`wa_id: 16315557002 · message id: ${id}`);
      expect(post?.body.metadata).toMatchObject({
        event_type: "whatsapp_inbound_message",
        event_payload: { wa_id: "16315557002", message_id: id },
      });
    });

    it("accepts the secret as X-Webhook-Secret and as ?secret=", async () => {
      const viaHeader = newMessageId();
      const viaQuery = newMessageId();
      const byHeader = await postWebhook(app.url, onPremInbound({ from: "16315557003", id: viaHeader }), {
        via: "header",
      });
      const byQuery = await postWebhook(app.url, onPremInbound({ from: "16315557003", id: viaQuery }), {
        via: "query",
      });
      expect([byHeader.status, byQuery.status]).toEqual([200, 200]);
      await relayedOnce(viaHeader);
      await relayedOnce(viaQuery);
    });

    it("threads a contact's second message of the day under the first one", async () => {
      const first = newMessageId();
      const second = newMessageId();
      const timestamp = Math.floor(Date.now() / 1000) - 60;
      await postWebhook(app.url, onPremInbound({ from: "16315557004", id: first, timestamp, text: "one" }));
      const [firstPost] = await relayedOnce(first);
      await postWebhook(app.url, onPremInbound({ from: "16315557004", id: second, timestamp, text: "two" }));
      const [secondPost] = await relayedOnce(second);

      expect(firstPost?.body.thread_ts).toBeUndefined();
      const firstTs = firstPost ? tsOf(firstPost) : undefined;
      expect(firstTs).toBeDefined();
      expect(secondPost?.body.thread_ts).toBe(firstTs);
    });

    /** Delivers `count` messages of one contact at once, each to the URL `urlOf` picks; expects one thread. */
    const expectOneThreadFor = async (from: string, count: number, urlOf: (index: number) => string) => {
      const ids = Array.from({ length: count }, newMessageId);
      const timestamp = Math.floor(Date.now() / 1000) - 60;
      const answers = await Promise.all(
        ids.map((id, index) =>
          postWebhook(urlOf(index), onPremInbound({ from, id, timestamp, text: `message ${index}` })),
        ),
      );
      expect(answers.map((answer) => answer.status)).toEqual(ids.map(() => 200));
      const posts = await app.slack.waitFor(() => {
        const found = ids.flatMap((id) => relayedPosts(app.slack, id));
        return found.length === ids.length && found;
      });

      const topLevel = posts.filter((post) => post.body.thread_ts === undefined);
      expect(topLevel).toHaveLength(1);
      const threadTs = topLevel[0] ? tsOf(topLevel[0]) : undefined;
      for (const reply of posts.filter((post) => post !== topLevel[0]))
        expect(reply.body.thread_ts).toBe(threadTs);
    };

    it("threads a contact's messages delivered at the same time under one post", async () => {
      await expectOneThreadFor("16315557011", 3, () => app.url);
    });

    it("threads a contact's messages under one post when they reach two replicas at the same time", async () => {
      const replicaUrl = await app.startReplica();
      await expectOneThreadFor("16315557012", 6, (index) => (index % 2 === 0 ? app.url : replicaUrl));
    });

    it("answers a delivery of delivery receipts (statuses) 200 and posts nothing", async () => {
      const before = relayedPosts(app.slack).length;
      const receipts = {
        statuses: [
          { id: newMessageId(), recipient_id: "16315557005", status: "read", timestamp: "1718000100" },
        ],
      };
      expect((await postWebhook(app.url, receipts)).status).toBe(200);
      await settle();
      expect(relayedPosts(app.slack).length).toBe(before + 1);
    });
  });

  describe("when the same message is delivered again", () => {
    it("posts it once", async () => {
      const id = newMessageId();
      const body = onPremInbound({ from: "16315557006", id, text: "sent twice" });
      expect((await postWebhook(app.url, body)).status).toBe(200);
      await relayedOnce(id);
      expect((await postWebhook(app.url, body)).status).toBe(200);
      await skippedAsDuplicate(id);
      expect(relayedPosts(app.slack, id)).toHaveLength(1);
    });

    it("posts it once when both deliveries arrive at the same time", async () => {
      const id = newMessageId();
      const body = onPremInbound({ from: "16315557007", id, text: "sent twice at once" });
      const answers = await Promise.all([postWebhook(app.url, body), postWebhook(app.url, body)]);
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      await skippedAsDuplicate(id);
      await relayedOnce(id);
      expect(relayedPosts(app.slack, id)).toHaveLength(1);
    });
  });

  describe("when a call is not from the node", () => {
    it("refuses a wrong or missing secret with 401 and posts nothing", async () => {
      const wrong = newMessageId();
      const missing = newMessageId();
      const wrongAnswer = await postWebhook(app.url, onPremInbound({ from: "16315557008", id: wrong }), {
        secret: "not-the-secret",
      });
      const wrongInQuery = await postWebhook(app.url, onPremInbound({ from: "16315557008", id: wrong }), {
        secret: "not-the-secret",
        via: "query",
      });
      const missingAnswer = await postWebhook(app.url, onPremInbound({ from: "16315557008", id: missing }), {
        via: "none",
      });
      expect([wrongAnswer.status, wrongInQuery.status, missingAnswer.status]).toEqual([401, 401, 401]);
      await settle();
      expect(relayedPosts(app.slack, wrong)).toHaveLength(0);
      expect(relayedPosts(app.slack, missing)).toHaveLength(0);
    });

    it("refuses a malformed body with 400", async () => {
      const notJson = await postWebhook(app.url, "{not json");
      const noMessageId = await postWebhook(app.url, {
        messages: [{ from: "16315557009", timestamp: "1718000000", type: "text", text: { body: "hi" } }],
      });
      expect([notJson.status, noMessageId.status]).toEqual([400, 400]);
    });
  });

  describe("after a restart on the same store", () => {
    it("still posts a message delivered again only once", async () => {
      const id = newMessageId();
      const body = onPremInbound({ from: "16315557010", id, text: "before the restart" });
      expect((await postWebhook(app.url, body)).status).toBe(200);
      await relayedOnce(id);

      await app.restart();
      expect((await postWebhook(app.url, body)).status).toBe(200);
      await skippedAsDuplicate(id);
      expect(relayedPosts(app.slack, id)).toHaveLength(1);
    });
  });

  describe("when Slack refuses the post", () => {
    it("keeps the message queued and posts it once Slack accepts again, with no redelivery", async () => {
      const id = newMessageId();
      const body = onPremInbound({ from: "16315557013", id, text: "refused the first time" });
      app.slack.failMethod("chat.postMessage", "channel_not_found");
      expect((await postWebhook(app.url, body)).status).toBe(200);
      await app.slack.waitFor(() =>
        app.logger.lines.some((line) => line.includes("relay post failed") && line.includes(id)),
      );

      // Accepting again (the drainer retries after its backoff: docs/CONTRACT.md §5).
      tsOf = trackPostedTs(app.slack);
      const posted = await app.slack.waitFor(
        () => relayedPosts(app.slack, id).find((call) => tsOf(call) !== undefined),
        10_000,
      );
      expect(tsOf(posted)).toBeDefined();
      const leaked = app.logger.lines.filter((line) => line.includes("refused the first time"));
      expect(leaked).toEqual([]);
    });
  });
});
