import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { metricSum } from "../support/metrics-exposition.js";
import { type E2EApp, onPremInbound, postWebhook, relayedPosts, startE2EApp } from "./harness.js";
import { type Slack429Proxy, startSlack429Proxy } from "./slack-429-proxy.js";

/**
 * The relay as a durable queue in the store, seen from outside the running bot (docs/CONTRACT.md §5), with a Slack
 * that answers 429 + Retry-After: on demand, or as Slack paces a channel.
 */

const SENDERS = ["16315558101", "16315558102", "16315558103"];
const BURST = 60;
// Slack's shape (steady pace, short bursts, 429 + Retry-After) at a pace that lets a test finish in seconds.
const PACE = { perSecond: 20, burst: 10, retryAfterSeconds: 1 };

const messageIdOf = (call: { body: Record<string, unknown> }): string =>
  String((call.body.metadata as { event_payload: { message_id: string } }).event_payload.message_id);

const newMessageId = () => `wamid.durable-${randomUUID()}`;
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the durable relay of the running bot", () => {
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

  const metrics = async (): Promise<string> => (await fetch(`${app.url}/metrics`)).text();

  it("posts a message delivered to two replicas on one store once", async () => {
    const replicaUrl = await app.startReplica();
    const id = newMessageId();
    const body = onPremInbound({ from: "16315558001", id, text: "delivered to both" });

    const answers = await Promise.all([postWebhook(app.url, body), postWebhook(replicaUrl, body)]);

    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    await app.slack.waitFor(() => relayedPosts(app.slack, id).length > 0);
    await settle(600);
    expect(relayedPosts(app.slack, id)).toHaveLength(1);
  });

  it("keeps messages queued while Slack answers 429, shows the queue in /metrics, then posts them in order", async () => {
    proxy.limit(1);
    const ids = [newMessageId(), newMessageId(), newMessageId()];
    for (const id of ids) {
      const answer = await postWebhook(
        app.url,
        onPremInbound({ from: "16315558002", id, text: "held back" }),
      );
      expect(answer.status).toBe(200);
    }
    await app.slack.waitFor(() => proxy.limited > 0);
    await expect.poll(async () => metricSum(await metrics(), "wam_relay_queue_depth")).toBeGreaterThan(0);
    expect(metricSum(await metrics(), "wam_relay_queue_oldest_age_seconds")).toBeGreaterThanOrEqual(0);
    expect(ids.flatMap((id) => relayedPosts(app.slack, id))).toEqual([]);

    proxy.limit(undefined);
    const posted = await app.slack.waitFor(() => {
      const calls = relayedPosts(app.slack).filter((call) => ids.includes(messageIdOf(call)));
      return calls.length === ids.length && calls;
    }, 10_000);
    expect(posted.map(messageIdOf)).toEqual(ids);
    await expect.poll(async () => metricSum(await metrics(), "wam_relay_queue_depth")).toBe(0);
  });

  it(`posts a burst of ${BURST} from ${SENDERS.length} senders at Slack's pace across a restart: once each, in order`, {
    timeout: 60_000,
  }, async () => {
    proxy.pace(PACE);
    onTestFinished(() => proxy.pace(undefined));
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
