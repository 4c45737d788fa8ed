import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type E2EApp,
  onPremInbound,
  postWebhook,
  relayedPosts,
  startE2EApp,
  trackPostedTs,
} from "./harness.js";

const newMessageId = () => `wamid.e2e-${randomUUID()}`;
// Far longer than stopping takes, well within one Slack call's timeout.
const SLOW_POST_MS = 1000;

describe("stopping while an inbound message is still being posted to Slack", () => {
  let app: E2EApp;
  beforeAll(async () => {
    app = await startE2EApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it("finishes the post before stopping, and remembers its thread in the store", async () => {
    const tsOf = trackPostedTs(app.slack);
    const from = "16315557101";
    const timestamp = Math.floor(Date.now() / 1000) - 60;
    const first = newMessageId();
    const second = newMessageId();
    app.slack.delayMethod("chat.postMessage", SLOW_POST_MS);
    expect((await postWebhook(app.url, onPremInbound({ from, id: first, timestamp }))).status).toBe(200);

    // WhatsApp had its 200, so it will not send the message again: stopping now must not lose it.
    await app.restart();

    // The restarted app checks its token first: a post recorded before that came before stop() resolved.
    const [firstPost] = relayedPosts(app.slack, first);
    const postedAt = firstPost ? app.slack.calls.indexOf(firstPost) : -1;
    const restartedAt = app.slack.calls.map((call) => call.method).lastIndexOf("auth.test");
    expect(postedAt).toBeGreaterThanOrEqual(0);
    expect(postedAt).toBeLessThan(restartedAt);
    expect(app.logger.lines.join("\n")).not.toContain("cutOffDeliveries");

    app.slack.delayMethod("chat.postMessage", 0);
    expect((await postWebhook(app.url, onPremInbound({ from, id: second, timestamp }))).status).toBe(200);
    const [secondPost] = await app.slack.waitFor(() => {
      const posts = relayedPosts(app.slack, second);
      return posts.length > 0 && posts;
    });
    // The first post's thread was written to the store before it closed.
    const firstTs = firstPost ? tsOf(firstPost) : undefined;
    expect(firstTs).toBeDefined();
    expect(secondPost?.body.thread_ts).toBe(firstTs);
  });
});
