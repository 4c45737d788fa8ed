import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2EApp, onPremInbound, postWebhook, relayedPosts, startE2EApp } from "./harness.js";
import { type Slack429Proxy, startSlack429Proxy } from "./slack-429-proxy.js";

/**
 * A burst relayed through the running bot against a Slack that enforces its per-channel limit, with a restart in
 * the middle of the drain (docs/CONTRACT.md §5): nothing lost, nothing twice, each sender's order kept, and no
 * post made during a Retry-After Slack gave.
 */

const SENDERS = ["16315558101", "16315558102", "16315558103"];
const BURST = 60;
// Slack's shape (steady pace, short bursts, 429 + Retry-After) at a pace that lets a test finish in seconds.
const PACE = { perSecond: 20, burst: 10, retryAfterSeconds: 1 };

const messageIdOf = (call: { body: Record<string, unknown> }): string =>
  String((call.body.metadata as { event_payload: { message_id: string } }).event_payload.message_id);

describe("a relay burst at Slack's pace across a restart", () => {
  let app: E2EApp;
  let proxy: Slack429Proxy;
  beforeAll(async () => {
    proxy = await startSlack429Proxy();
    app = await startE2EApp(
      {},
      {
        slackApiUrl: (slack) => {
          proxy.target = slack.url;
          return proxy.url;
        },
      },
    );
  });
  afterAll(async () => {
    await app.close();
    await proxy.close();
  });

  it(`posts ${BURST} messages from ${SENDERS.length} senders once each, in each sender's order`, {
    timeout: 60_000,
  }, async () => {
    proxy.pace(PACE);
    const run = randomUUID().slice(0, 8);
    const sent = Array.from({ length: BURST }, (_, index) => ({
      from: SENDERS[index % SENDERS.length] ?? "",
      id: `wamid.burst-${run}-${String(index).padStart(3, "0")}`,
    }));
    const ours = () => relayedPosts(app.slack).filter((call) => messageIdOf(call).includes(run));
    // Deliveries of 6, each answered only once stored.
    for (let at = 0; at < sent.length; at += 6) {
      const delivery = sent.slice(at, at + 6).map((message) => onPremInbound({ ...message, text: "burst" }));
      const body = {
        contacts: delivery.flatMap((one) => one.contacts as unknown[]),
        messages: delivery.flatMap((one) => one.messages as unknown[]),
      };
      expect((await postWebhook(app.url, body)).status).toBe(200);
    }

    await app.slack.waitFor(() => ours().length >= BURST / 3, 20_000);
    // A restart while the queue still holds most of the burst.
    expect(ours().length).toBeLessThan(BURST);
    await app.restart();
    await app.slack.waitFor(() => ours().length >= BURST, 40_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    const posted = ours().map(messageIdOf);
    expect(new Set(posted).size).toBe(posted.length);
    expect([...posted].sort()).toEqual(sent.map((message) => message.id).sort());
    for (const sender of SENDERS) {
      const ofSender = (ids: string[]) => ids.filter((id) => sent.find((m) => m.id === id)?.from === sender);
      expect(ofSender(posted)).toEqual(ofSender(sent.map((message) => message.id)));
    }
    expect(proxy.limited).toBeGreaterThan(0);
    expect(proxy.violations).toBe(0);
  });
});
