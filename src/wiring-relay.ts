import { randomBytes } from "node:crypto";
import { webApi } from "@slack/bolt";
import type { Config } from "./config/types.js";
import type { AppLogger } from "./log/logger.js";
import type { AppMetrics } from "./metrics/metrics.js";
import { startRelayDrainer } from "./relay/relay-drainer.js";
import { createQueueingRelay } from "./relay/relay-enqueue.js";
import { createRelayQueue } from "./relay/relay-queue.js";
import { createRelayDelivery } from "./relay/relay-service.js";
import { createStoreThreadIndex } from "./relay/thread-index.js";
import { createWebhookHandler, type WebhookHandlers } from "./relay/webhook-handler.js";
import type { SlackClients } from "./slack/web-client.js";
import type { Core } from "./wiring-core.js";

/**
 * The relay part of the composition root (docs/ARCHITECTURE.md): the webhook in the shape of the configured
 * backend queues inbound messages in the store, and this replica's drainer posts them to RELAY_CHANNEL through
 * the bot's Web API client (docs/CONTRACT.md §5). Absent when RELAY_CHANNEL is unset.
 */
export interface WhatsAppWebhook {
  handlers: WebhookHandlers;
  /** Points the in-process sandbox, if any, at this bot's webhook once its port is known. */
  connectSandbox(port: number): void;
}

export function createWhatsAppWebhook(
  config: Config,
  logger: AppLogger,
  core: Core,
  clients: SlackClients,
  metrics: AppMetrics,
): WhatsAppWebhook | undefined {
  if (config.relayChannel === undefined) return undefined;
  const relayLogger = logger.child("relay");
  // A 429 comes back to the drainer, which rests the channel for every replica (docs/CONTRACT.md §5).
  const relayClient = new webApi.WebClient(clients.client.token, {
    ...clients.options,
    rejectRateLimitedCalls: true,
  });
  const queue = createRelayQueue(core.store);
  const drainer = startRelayDrainer({
    queue,
    deliver: createRelayDelivery({
      channel: config.relayChannel,
      post: async (message) => {
        const answer = await relayClient.chat.postMessage(message);
        return { ts: answer.ts ?? "" };
      },
      threads: createStoreThreadIndex(core.store),
      logger: relayLogger,
    }),
    logger: relayLogger,
    observe: (depth, oldestSeconds) => metrics.relayQueue(depth, oldestSeconds),
  });
  const relay = createQueueingRelay({
    queue,
    inbound: core.inbound,
    logger: relayLogger,
    onQueued: () => drainer.wake(),
  });
  const common = { relay, logger: logger.child("webhook"), metrics };
  // Stopping waits for the deliveries being queued and for the post in hand, within one deadline.
  const withDrainer = (handlers: WebhookHandlers): WebhookHandlers => ({
    ...handlers,
    drain: async (timeoutMs) => {
      await Promise.all([handlers.drain(timeoutMs), drainer.stop(timeoutMs)]);
    },
  });
  const { sandbox } = core.whatsapp;
  const url = (port: number) => `http://127.0.0.1:${port}/whatsapp/webhook`;

  if (core.backend.name === "cloud" || core.backend.name === "sandbox-cloud") {
    // The cloud sandbox signs with its own app secret; a real app's comes from WA_APP_SECRET.
    const appSecret = sandbox?.shape === "cloud" ? sandbox.appSecret : config.whatsapp.appSecret;
    return {
      handlers: withDrainer(
        createWebhookHandler({
          mode: "cloud",
          ...common,
          directory: core.directory,
          ...(appSecret ? { appSecret } : {}),
          ...(config.whatsapp.verifyToken ? { verifyToken: config.whatsapp.verifyToken } : {}),
        }),
      ),
      connectSandbox: (port) => {
        if (sandbox?.shape === "cloud") sandbox.setWebhook({ url: url(port) });
      },
    };
  }
  // The sandbox needs no operator-chosen secret: a random one links it to this process only.
  const secret = config.webhookSecret ?? (sandbox ? randomBytes(24).toString("hex") : undefined);
  return {
    handlers: withDrainer(createWebhookHandler({ mode: "onprem", ...common, ...(secret ? { secret } : {}) })),
    connectSandbox: (port) => {
      if (sandbox?.shape === "onprem") sandbox.setWebhook({ url: url(port), ...(secret ? { secret } : {}) });
    },
  };
}
