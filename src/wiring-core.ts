import { dirname } from "node:path";
import { createAuditPublisher } from "./audit/audit-publisher.js";
import { closeOnFailure } from "./common/close-on-failure.js";
import type { Config } from "./config/types.js";
import type { AppLogger } from "./log/logger.js";
import { instrumentBackend } from "./metrics/instrument-backend.js";
import type { AppMetrics } from "./metrics/metrics.js";
import { defaultSpoolPath } from "./moderation/audit-spool.js";
import { createModerationService } from "./moderation/index.js";
import type { IsModerator, ModerationService } from "./moderation/types.js";
import { createStoreContactDirectory, type StoreContactDirectory } from "./relay/contact-directory.js";
import { createInboundLog, type InboundLog } from "./relay/inbound-log.js";
import type { SlackClients } from "./slack/web-client.js";
import { createStore } from "./store/index.js";
import type { AppStore } from "./store/types.js";
import type { WhatsAppBackend } from "./whatsapp/backend.js";
import { connectWhatsApp, type WhatsAppConnection } from "./whatsapp/connect.js";

/**
 * The lower half of the composition root (docs/ARCHITECTURE.md), shared by the bot and the operator CLI:
 * store → WhatsApp backend → moderation core, with what the relay keeps (inbound log, BSUID map) on the same store.
 */
export interface Core {
  store: AppStore;
  whatsapp: WhatsAppConnection;
  backend: WhatsAppBackend;
  moderation: ModerationService;
  inbound: InboundLog;
  /** The BSUID map the relay fills from Cloud webhooks. */
  directory: StoreContactDirectory;
  /** Closes the WhatsApp connection, then the store. */
  close(): Promise<void>;
}

export interface CoreOptions {
  /** Who may act: Slack's moderator rule for the bot; everyone for the CLI (shell access is the permission). */
  isModerator: IsModerator;
  /** Where audit records are posted (AUDIT_CHANNEL) when there is a Slack bot token. */
  slack?: SlackClients | undefined;
  metrics?: AppMetrics | undefined;
}

/**
 * Where the sandbox keeps its state (docs/CONTRACT.md §9): the data folder, as the audit spool finds it (the SQLite
 * file's folder, else ./data). A store in memory keeps nothing, and neither does its sandbox.
 */
function sandboxDataFolder(storeUrl: string): string | undefined {
  return /^sqlite:\/\/:memory:/.test(storeUrl.trim()) ? undefined : dirname(defaultSpoolPath(storeUrl));
}

export async function buildCore(config: Config, logger: AppLogger, options: CoreOptions): Promise<Core> {
  const store = await createStore(config.storeUrl, { logger: logger.child("store") });
  const whatsapp = await closeOnFailure(
    () => store.close(),
    () =>
      connectWhatsApp(config.whatsapp, logger, {
        claim: (key, ttlMs) => store.atomic.claim("limits", key, ttlMs),
        dataFolder: sandboxDataFolder(config.storeUrl),
      }),
  );
  const backend = options.metrics ? instrumentBackend(whatsapp.backend, options.metrics) : whatsapp.backend;
  const inbound = createInboundLog(store);
  const directory = createStoreContactDirectory(store);
  // On-Premises backends know contacts by number only: the core then refuses a typed BSUID in plain words.
  const cloud = whatsapp.backend.name === "cloud" || whatsapp.backend.name === "sandbox-cloud";
  const { slack } = options;
  const moderation = createModerationService({
    backend,
    store,
    inbound,
    ...(cloud ? { directory } : {}),
    businessCountry: config.whatsapp.defaultCountry,
    isModerator: options.isModerator,
    dailyBudget: config.checkDailyBudget,
    blocklistPageSize: config.blocklistPageSize,
    auditSpoolPath: defaultSpoolPath(config.storeUrl),
    logger: logger.child("moderation"),
    ...(options.metrics ? { metrics: options.metrics.moderationMetrics } : {}),
    ...(slack
      ? {
          publishAudit: createAuditPublisher({
            channel: config.auditChannel,
            post: (message) => slack.client.chat.postMessage(message),
            logger: logger.child("audit"),
          }),
        }
      : {}),
  });
  return {
    store,
    whatsapp,
    backend,
    moderation,
    inbound,
    directory,
    async close() {
      await whatsapp.close();
      await store.close();
    },
  };
}
