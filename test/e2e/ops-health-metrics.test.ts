import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metricSum } from "../support/metrics-exposition.js";
import { type E2EApp, onPremInbound, postWebhook, relayedPosts, startE2EApp } from "./harness.js";
import { healthOf, healthOnceIs } from "./health-poll.js";

describe("operating the app: /healthz and /metrics", () => {
  let app: E2EApp;
  beforeAll(async () => {
    app = await startE2EApp();
  });
  afterAll(async () => {
    await app.close();
  });

  const health = () => healthOf(app.url);
  const metrics = async () => {
    const response = await fetch(`${app.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    return response.text();
  };
  /** Polls /metrics until `ready` holds: the relay is timed when it ends, after the webhook's answer. */
  const metricsWhen = async (ready: (exposition: string) => boolean, timeoutMs = 3000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const exposition = await metrics();
      if (ready(exposition)) return exposition;
      if (Date.now() > deadline) throw new Error(`/metrics did not show the change within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  describe("/healthz", () => {
    it("answers 200 while the store and WhatsApp answer, 503 naming WhatsApp while it is overloaded, then 200 again", async () => {
      expect(await health()).toEqual({ status: 200, body: { ok: true } });

      // Every attempt of the probe, retries included, meets an overloaded node.
      app.sandbox.faults.next({ kind: "status", status: 503 }, 10);
      const down = await healthOnceIs(app.url, 503);
      expect(down.status).toBe(503);
      expect(down.body.ok).toBe(false);
      const failing = down.body.failing as { name: string; reason: string }[];
      expect(failing.map((failure) => failure.name)).toEqual(["whatsapp"]);
      expect(failing[0]?.reason).toMatch(/\S/);

      app.sandbox.faults.clear();
      expect(await healthOnceIs(app.url, 200)).toEqual({ status: 200, body: { ok: true } });
    });
  });

  describe("/metrics", () => {
    it("counts commands, WhatsApp calls and cache hits", async () => {
      const before = await metrics();
      for (let round = 0; round < 2; round += 1) {
        const { path } = await app.command("+1 631 555 1005");
        await app.finalAnswer(path);
      }
      const after = await metrics();
      const moved = (name: string, labels: Record<string, string>) =>
        metricSum(after, name, labels) - metricSum(before, name, labels);

      expect(moved("wam_requests_total", { surface: "command" })).toBe(2);
      expect(moved("wam_whatsapp_calls_total", { endpoint: "check", outcome: "ok" })).toBeGreaterThanOrEqual(
        1,
      );
      expect(moved("wam_check_cache_lookups_total", { result: "miss" })).toBe(1);
      expect(moved("wam_check_cache_lookups_total", { result: "hit" })).toBe(1);
    });

    it("counts webhook deliveries and times their relay", async () => {
      const before = await metrics();
      const id = `wamid.e2e-${randomUUID()}`;
      expect((await postWebhook(app.url, onPremInbound({ from: "16315557201", id }))).status).toBe(200);
      await app.slack.waitFor(() => relayedPosts(app.slack, id)[0]);

      const relayTimed = await metricsWhen(
        (now) =>
          metricSum(now, "wam_webhook_latency_seconds_count") >
          metricSum(before, "wam_webhook_latency_seconds_count"),
      );
      expect(metricSum(relayTimed, "wam_requests_total", { surface: "webhook" })).toBe(
        metricSum(before, "wam_requests_total", { surface: "webhook" }) + 1,
      );
    });
  });
});
