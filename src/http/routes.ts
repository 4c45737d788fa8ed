import type { CustomRoute } from "@slack/bolt";
import type { AppMetrics } from "../metrics/metrics.js";
import type { WebhookHandlers } from "../relay/webhook-handler.js";
import type { AppStore } from "../store/types.js";
import type { WhatsAppBackend } from "../whatsapp/backend.js";
import { createHealthHandler } from "./health-handler.js";
import { createMetricsHandler } from "./metrics-handler.js";

/** The non-Slack HTTP surface (docs/CONTRACT.md §3), served on PORT in HTTP and Socket Mode alike. */
export function appRoutes(deps: {
  store: AppStore;
  backend: WhatsAppBackend;
  metrics: AppMetrics;
  webhook: WebhookHandlers | undefined;
}): CustomRoute[] {
  const health = createHealthHandler({
    checks: [
      { name: "store", probe: () => deps.store.ping() },
      { name: "whatsapp", probe: () => deps.backend.ping() },
    ],
  });
  const routes: CustomRoute[] = [
    { path: "/healthz", method: ["GET"], handler: health },
    { path: "/metrics", method: ["GET"], handler: createMetricsHandler(deps.metrics.registry) },
  ];
  if (deps.webhook) {
    routes.push(
      { path: "/whatsapp/webhook", method: ["POST"], handler: deps.webhook.post },
      { path: "/whatsapp/webhook", method: ["GET"], handler: deps.webhook.get },
    );
  }
  return routes;
}
