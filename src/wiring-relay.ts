import { randomBytes } from "node:crypto";
import type { Config } from "./config/types.js";
import type { AppLogger } from "./log/logger.js";
import type { AppMetrics } from "./metrics/metrics.js";
import { createRelay } from "./relay/relay-service.js";
import { createStoreThreadIndex } from "./relay/thread-index.js";
import { createWebhookHandler, type WebhookHandlers } from "./relay/webhook-handler.js";
import type { SlackClients } from "./slack/web-client.js";
import type { Core } from "./wiring-core.js";

/**
 * The relay part of the composition root (docs/ARCHITECTURE.md): the webhook in the shape of the configured
 * backend, relaying to RELAY_CHANNEL through the bot's Web API client. Absent when RELAY_CHANNEL is unset.
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
  const relay = createRelay({
    channel: config.relayChannel,
    inbound: core.inbound,
    post: async (message) => {
      const answer = await clients.client.chat.postMessage(message);
      return { ts: answer.ts ?? "" };
    },
    threads: createStoreThreadIndex(core.store),
    logger: logger.child("relay"),
  });
  const common = { relay, logger: logger.child("webhook"), metrics };
  const { sandbox } = core.whatsapp;
  const url = (port: number) => `http://127.0.0.1:${port}/whatsapp/webhook`;

  if (core.backend.name === "cloud" || core.backend.name === "sandbox-cloud") {
    // The cloud sandbox signs with its own app secret; a real app's comes from WA_APP_SECRET.
    const appSecret = sandbox?.shape === "cloud" ? sandbox.appSecret : config.whatsapp.appSecret;
    return {
      handlers: createWebhookHandler({
        mode: "cloud",
        ...common,
        directory: core.directory,
        ...(appSecret ? { appSecret } : {}),
        ...(config.whatsapp.verifyToken ? { verifyToken: config.whatsapp.verifyToken } : {}),
      }),
      connectSandbox: (port) => {
        if (sandbox?.shape === "cloud") sandbox.setWebhook({ url: url(port) });
      },
    };
  }
  // The sandbox needs no operator-chosen secret: a random one links it to this process only.
  const secret = config.webhookSecret ?? (sandbox ? randomBytes(24).toString("hex") : undefined);
  return {
    handlers: createWebhookHandler({ mode: "onprem", ...common, ...(secret ? { secret } : {}) }),
    connectSandbox: (port) => {
      if (sandbox?.shape === "onprem") sandbox.setWebhook({ url: url(port), ...(secret ? { secret } : {}) });
    },
  };
}
