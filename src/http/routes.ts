import type { CustomRoute } from "@slack/bolt";
import type { AppMetrics } from "../metrics/metrics.js";
import type { WebhookHandlers } from "../relay/webhook-handler.js";
import type { AppStore } from "../store/types.js";
import type { WhatsAppBackend } from "../whatsapp/backend.js";
import { createHealthHandler } from "./health-handler.js";
import { createHealthMonitor } from "./health-monitor.js";
import { createMetricsHandler } from "./metrics-handler.js";

export interface AppRoutes {
  routes: CustomRoute[];
  /** Stops the background health probes. */
  stop(): void;
}

/** The non-Slack HTTP surface (docs/CONTRACT.md §3), served on PORT in HTTP and Socket Mode alike. */
export function appRoutes(deps: {
  store: AppStore;
  backend: WhatsAppBackend;
  metrics: AppMetrics;
  webhook: WebhookHandlers | undefined;
}): AppRoutes {
  // The store probe writes (a store that reads but cannot write is not healthy); the WhatsApp ping is not a
  // contacts call, so it never queues behind the checks' rate limit.
  const health = createHealthMonitor({
    checks: [
      { name: "store", probe: () => deps.store.probeWrite() },
      { name: "whatsapp", probe: () => deps.backend.ping() },
    ],
  });
  const routes: CustomRoute[] = [
    { path: "/healthz", method: ["GET"], handler: createHealthHandler(health) },
    { path: "/metrics", method: ["GET"], handler: createMetricsHandler(deps.metrics.registry) },
  ];
  if (deps.webhook) {
    routes.push(
      { path: "/whatsapp/webhook", method: ["POST"], handler: deps.webhook.post },
      { path: "/whatsapp/webhook", method: ["GET"], handler: deps.webhook.get },
    );
  }
  return { routes, stop: () => health.stop() };
}
