import { afterEach, describe, expect, it } from "vitest";
import { createMetricsHandler } from "../../src/http/metrics-handler.js";
import { createMetrics } from "../../src/metrics/metrics.js";
import { serve, type TestServer } from "./serve.js";

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("GET /metrics", () => {
  it("answers the registry in Prometheus text format with its content type", async () => {
    const metrics = createMetrics();
    metrics.slackRequest("command");
    server = await serve(createMetricsHandler(metrics.registry));

    const response = await fetch(`${server.url}/metrics`);

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const text = await response.text();
    expect(text).toContain("# TYPE wam_requests_total counter");
    expect(text).toContain('wam_requests_total{surface="command"} 1');
  });

  it("answers 500 instead of hanging when the registry fails", async () => {
    const registry = {
      contentType: "text/plain; version=0.0.4; charset=utf-8" as const,
      metrics: () => Promise.reject(new Error("collector failed")),
    };
    server = await serve(createMetricsHandler(registry));

    const response = await fetch(`${server.url}/metrics`);

    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ ok: false, error: "internal_error" });
  });
});
