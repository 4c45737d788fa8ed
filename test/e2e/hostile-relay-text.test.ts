import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slackSafetyProblems } from "../support/slack-safety.js";
import { type E2EApp, onPremInbound, postWebhook, relayedPosts, startE2EApp } from "./harness.js";

/**
 * What a WhatsApp sender types reaches the relay channel whatever it holds (docs/CONTRACT.md §8): a lone surrogate
 * (which made the post throw a URIError after the webhook had answered 200, losing the message) becomes U+FFFD,
 * and Slack's controls are shown, not obeyed.
 */

describe("relaying hostile inbound text", () => {
  let app: E2EApp;

  beforeAll(async () => {
    app = await startE2EApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it("relays a message with lone surrogates and Slack controls, well-formed and pinging no one", async () => {
    const inbound = onPremInbound({
      from: "16315551001",
      id: "wamid.HOSTILE0001",
      name: "<!here> \uDE00",
      text: "<!channel> hello \uD83D <https://evil.example|click> &",
    });
    const response = await postWebhook(app.url, inbound);
    expect(response.status).toBe(200);
    const [post] = await app.slack.waitFor(() => {
      const posts = relayedPosts(app.slack, "wamid.HOSTILE0001");
      return posts.length > 0 ? posts : undefined;
    }, 5_000);
    const body = { text: post?.body.text, blocks: post?.body.blocks };
    expect(slackSafetyProblems(body)).toEqual([]);
    expect(JSON.stringify(body)).toContain("hello \uFFFD");
  });
});
