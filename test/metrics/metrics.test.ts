import { describe, expect, it } from "vitest";
import { createMetrics } from "../../src/metrics/metrics.js";

describe("createMetrics", () => {
  it("counts requests by surface", async () => {
    const metrics = createMetrics();
    metrics.slackRequest("command");
    metrics.slackRequest("command");
    metrics.slackRequest("webhook");

    const text = await metrics.registry.metrics();

    expect(text).toContain('wam_requests_total{surface="command"} 2');
    expect(text).toContain('wam_requests_total{surface="webhook"} 1');
  });

  it("counts cache hits and misses and shows the budget left", async () => {
    const metrics = createMetrics();
    metrics.moderationMetrics.cacheLookup(true);
    metrics.moderationMetrics.cacheLookup(true);
    metrics.moderationMetrics.cacheLookup(false);
    metrics.moderationMetrics.budgetLeft(42);

    const text = await metrics.registry.metrics();

    expect(text).toContain('wam_check_cache_lookups_total{result="hit"} 2');
    expect(text).toContain('wam_check_cache_lookups_total{result="miss"} 1');
    expect(text).toContain("wam_check_budget_remaining 42");
  });

  it("records webhook latency in a histogram", async () => {
    const metrics = createMetrics();
    metrics.webhookLatency(0.3);

    const text = await metrics.registry.metrics();

    expect(text).toContain("wam_webhook_latency_seconds_count 1");
    expect(text).toContain('wam_webhook_latency_seconds_bucket{le="0.5"} 1');
    expect(text).toContain('wam_webhook_latency_seconds_bucket{le="0.25"} 0');
  });

  it("gives every app metric a wam_ name and a HELP text, next to the process metrics", async () => {
    const text = await createMetrics().registry.metrics();
    const appMetrics = [
      "wam_requests_total",
      "wam_whatsapp_calls_total",
      "wam_whatsapp_call_duration_seconds",
      "wam_check_cache_lookups_total",
      "wam_check_budget_remaining",
      "wam_webhook_latency_seconds",
    ];
    for (const name of appMetrics) expect(text).toMatch(new RegExp(`^# HELP ${name} \\S`, "m"));
    expect(text).toContain("process_cpu_user_seconds_total");
  });

  it("reports the event loop held up by synchronous work in nodejs_eventloop_lag_max_seconds", async () => {
    const metrics = createMetrics();
    // The sampler times each sample from the one before it: let it take its first.
    await new Promise((resolve) => setTimeout(resolve, 150));
    const until = performance.now() + 300;
    while (performance.now() < until) {
      // Hold the event loop, as a long synchronous task in the bot would.
    }
    // The next lag sample is taken within 100 ms of the loop being free again.
    await new Promise((resolve) => setTimeout(resolve, 250));

    const text = await metrics.registry.metrics();

    const maxLag = Number(/^nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(text)?.[1]);
    expect(maxLag).toBeGreaterThanOrEqual(0.25);
  });

  it("keeps each instance's counts apart, so several apps can share one process", async () => {
    const first = createMetrics();
    const second = createMetrics();
    first.slackRequest("view");

    expect(await first.registry.metrics()).toContain('wam_requests_total{surface="view"} 1');
    expect(await second.registry.metrics()).not.toContain('wam_requests_total{surface="view"}');
  });
});
