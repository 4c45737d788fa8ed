import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metricSum } from "../support/metrics-exposition.js";
import { type E2EApp, onPremInbound, postWebhook, relayedPosts, startE2EApp } from "./harness.js";
import { type Slack429Proxy, startSlack429Proxy } from "./slack-429-proxy.js";

/** The relay as a durable queue in the store, seen from outside the running bot (docs/CONTRACT.md §5). */

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
      const calls = relayedPosts(app.slack).filter((call) =>
        ids.includes(
          String((call.body.metadata as { event_payload: { message_id: string } }).event_payload.message_id),
        ),
      );
      return calls.length === ids.length && calls;
    }, 10_000);
    expect(
      posted.map(
        (call) => (call.body.metadata as { event_payload: { message_id: string } }).event_payload.message_id,
      ),
    ).toEqual(ids);
    await expect.poll(async () => metricSum(await metrics(), "wam_relay_queue_depth")).toBe(0);
  });
});
