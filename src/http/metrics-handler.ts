import type { Registry } from "prom-client";
import { sendText } from "./respond.js";
import { asyncRoute, type RouteHandler } from "./route-handler.js";

/** GET /metrics: the registry in Prometheus text format. */
export function createMetricsHandler(registry: Pick<Registry, "metrics" | "contentType">): RouteHandler {
  return asyncRoute(async (_req, res) => {
    sendText(res, 200, await registry.metrics(), registry.contentType);
  });
}
