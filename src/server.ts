import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { appRoutes } from "./app/routes.js";
import { connectWhatsApp, type WhatsAppConnection } from "./app/whatsapp-backend.js";
import { createAuditPublisher } from "./audit/audit-publisher.js";
import type { Config } from "./config.js";
import type { AppLogger } from "./logger.js";
import { instrumentBackend } from "./metrics/instrument-backend.js";
import { createMetrics } from "./metrics/metrics.js";
import { createModerationService } from "./moderation/index.js";
import type { Actor } from "./moderation/types.js";
import { createRelay } from "./relay/relay-service.js";
import { createStoreThreadIndex } from "./relay/thread-index.js";
import { createWebhookHandler, type WebhookHandlers } from "./relay/webhook-handler.js";
import type { SandboxHandle } from "./sandbox/index.js";
import { createSlackApp, DRAIN_TIMEOUT_MS, type SlackApp } from "./slack/app.js";
import { createStore } from "./store/index.js";
import type { AppStore } from "./store/types.js";

export interface RunningServer {
  /** The HTTP port actually listened on (PORT, or the one the system chose for PORT=0). */
  port: number;
  sandbox?: SandboxHandle;
  /**
   * Stops taking requests, finishes those in flight and the relay of webhook deliveries already answered, then
   * closes WhatsApp connections and the store.
   */
  stop(): Promise<void>;
}

/** Start-up in dependency order: store → WhatsApp → moderation core → relay → Slack app, then listen. */
export async function startServer(config: Config, logger: AppLogger): Promise<RunningServer> {
  const store = await createStore(config.storeUrl, { logger: logger.child("store") });
  let whatsapp: WhatsAppConnection | undefined;
  try {
    whatsapp = await connectWhatsApp(config.whatsapp, logger);
    return await startOnTop(config, logger, store, whatsapp);
  } catch (error) {
    await whatsapp?.close();
    await store.close();
    throw error;
  }
}

async function startOnTop(
  config: Config,
  logger: AppLogger,
  store: AppStore,
  whatsapp: WhatsAppConnection,
): Promise<RunningServer> {
  const metrics = createMetrics();
  const backend = instrumentBackend(whatsapp.backend, metrics);
  // The Slack app owns the moderator rule (it knows user groups) and the Web API client, and needs the core:
  // the core reaches both through these late bindings.
  let slack: SlackApp | undefined;
  const moderation = createModerationService({
    backend,
    store,
    businessCountry: config.whatsapp.defaultCountry,
    isModerator: async (actor: Actor) => (slack ? slack.isModerator(actor) : false),
    dailyBudget: config.checkDailyBudget,
    blocklistPageSize: config.blocklistPageSize,
    logger: logger.child("moderation"),
    metrics: metrics.moderationMetrics,
    publishAudit: createAuditPublisher({
      channel: config.auditChannel,
      post: (message) => requireSlack(slack).client.chat.postMessage(message),
      logger: logger.child("audit"),
    }),
  });

  const webhookSecret = relayWebhookSecret(config, whatsapp.sandbox);
  const webhook: WebhookHandlers | undefined = config.relayChannel
    ? createWebhookHandler({
        mode: "onprem",
        ...(webhookSecret ? { secret: webhookSecret } : {}),
        relay: createRelay({
          channel: config.relayChannel,
          moderation,
          post: async (message) => {
            const answer = await requireSlack(slack).client.chat.postMessage(message);
            return { ts: answer.ts ?? "" };
          },
          threads: createStoreThreadIndex(store),
          logger: logger.child("relay"),
        }),
        logger: logger.child("webhook"),
        metrics,
      })
    : undefined;

  slack = createSlackApp({
    slack: config.slack,
    port: config.port,
    moderation,
    moderators: config.moderators,
    blocklistPageSize: config.blocklistPageSize,
    businessCountry: config.whatsapp.defaultCountry,
    logger,
    customRoutes: appRoutes({ store, backend, metrics, webhook }),
    onRequest: (surface) => {
      if (surface !== "other") metrics.slackRequest(surface);
    },
  });
  await slack.start();
  const port = slack.port ?? config.port;

  if (whatsapp.sandbox && config.relayChannel) {
    // The sandbox delivers simulated inbound messages to this very app, as a real node would to its webhook.
    whatsapp.sandbox.setWebhook({
      url: `http://127.0.0.1:${port}/whatsapp/webhook`,
      ...(webhookSecret ? { secret: webhookSecret } : {}),
    });
  }

  const running = slack;
  return {
    port,
    ...(whatsapp.sandbox ? { sandbox: whatsapp.sandbox } : {}),
    async stop() {
      // Relays run while the Slack requests drain; whatever is left of the same time is theirs after that, so
      // stopping stays within one drain period. The store closes only once they are done.
      const relaysDeadline = performance.now() + DRAIN_TIMEOUT_MS;
      await running.stop();
      await webhook?.drain(Math.max(0, relaysDeadline - performance.now()));
      await whatsapp.close();
      await store.close();
    },
  };
}

function requireSlack(slack: SlackApp | undefined): SlackApp {
  if (!slack) throw new Error("the Slack app is not created yet");
  return slack;
}

/** The sandbox needs no operator-chosen secret: a random one links it to this process only. */
function relayWebhookSecret(config: Config, sandbox: SandboxHandle | undefined): string | undefined {
  if (config.webhookSecret) return config.webhookSecret;
  return sandbox ? randomBytes(24).toString("hex") : undefined;
}
