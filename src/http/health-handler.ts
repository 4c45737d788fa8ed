import type { HealthMonitor } from "./health-monitor.js";
import { sendJson } from "./respond.js";
import { asyncRoute, type RouteHandler } from "./route-handler.js";

/**
 * GET /healthz from the monitor's last results (docs/CONTRACT.md §8): 200 {"ok":true} when every probe answered,
 * else 503 with what is failing and why. Nothing is probed per request.
 */
export function createHealthHandler(monitor: HealthMonitor): RouteHandler {
  return asyncRoute(async (_req, res) => {
    const { failing } = await monitor.current();
    if (failing.length === 0) sendJson(res, 200, { ok: true });
    else sendJson(res, 503, { ok: false, failing });
  });
}
