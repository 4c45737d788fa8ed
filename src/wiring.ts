import { performance } from "node:perf_hooks";
import { closeOnFailure } from "./common/close-on-failure.js";
import type { Config } from "./config/types.js";
import { appRoutes } from "./http/routes.js";
import type { AppLogger } from "./log/logger.js";
import { type AppMetrics, createMetrics } from "./metrics/metrics.js";
import { budgetLeft } from "./moderation/budget.js";
import { createModeratorRule, hasModerators } from "./moderation/moderator-rule.js";
import type { ModerationService } from "./moderation/types.js";
import { type LocalModeHooks, startLocalMode } from "./playground/local-mode.js";
import type { AnySandboxHandle } from "./sandbox/index.js";
import { type BoltApp, type BoltAppDeps, createBoltApp, DRAIN_TIMEOUT_MS } from "./slack/bolt-app.js";
import { storeReplayGuard } from "./slack/input/replay-guard.js";
import { registerListeners } from "./slack/listeners/index.js";
import type { SlackSurface } from "./slack/middleware/in-flight.js";
import { moderatorGate } from "./slack/middleware/moderator-gate.js";
import { slackGroupMembers } from "./slack/usergroup-members.js";
import { createSlackClients, type SlackClients } from "./slack/web-client.js";
import { buildCore, type Core } from "./wiring-core.js";
import { createWhatsAppWebhook } from "./wiring-relay.js";

/**
 * The one composition root (docs/ARCHITECTURE.md): store → WhatsApp backend → moderation core → relay → Slack,
 * each part built from the ones before it and handed what it needs as arguments.
 */

export interface RunningBot {
  /** The HTTP port actually listened on (PORT, or the one the system chose for PORT=0). */
  port: number;
  sandbox?: AnySandboxHandle;
  /**
   * Stops taking requests, finishes those in flight and the relay of webhook deliveries already answered, then
   * closes WhatsApp connections and the store.
   */
  stop(): Promise<void>;
}

export async function startBot(
  config: Config,
  logger: AppLogger,
  local?: LocalModeHooks,
): Promise<RunningBot> {
  // Local mode (docs/CONTRACT.md §9): no bot token, so the playground's Slack stand-in plays Slack; it calls back
  // here with the configuration pointed at it, its page routes and the loopback address.
  if (config.slack.local && local === undefined) return startLocalMode(config, logger, startBot);
  const metrics = createMetrics();
  // The Web API client comes first: the moderator rule (user groups) and the audit channel need it.
  const clients = createSlackClients(
    { botToken: config.slack.botToken, apiUrl: config.slack.apiUrl },
    logger.child("slack"),
  );
  const core = await buildCore(config, logger, {
    isModerator: createModeratorRule({
      groupMembers: slackGroupMembers(clients.groupLookupClient),
      moderators: config.moderators,
      logger: logger.child("moderators"),
    }),
    slack: clients,
    metrics,
  });
  return closeOnFailure(
    () => core.close(),
    () => startOnTop(config, logger, core, clients, metrics, local),
  );
}

async function startOnTop(
  config: Config,
  logger: AppLogger,
  core: Core,
  clients: SlackClients,
  metrics: AppMetrics,
  local: LocalModeHooks | undefined,
): Promise<RunningBot> {
  const { store, whatsapp, backend, moderation } = core;
  metrics.readBudgetLeftFrom(() => budgetLeft(store, config.checkDailyBudget, Date.now));
  const webhook = createWhatsAppWebhook(config, logger, core, clients, metrics);
  const http = appRoutes({ store, backend, metrics, webhook: webhook?.handlers });
  const slack = createSlackSurface({
    slack: config.slack,
    clients,
    port: config.port,
    moderation,
    moderatorsConfigured: hasModerators(config.moderators),
    blocklistPageSize: config.blocklistPageSize,
    businessCountry: config.whatsapp.defaultCountry,
    logger,
    customRoutes: [...http.routes, ...(local?.routes ?? [])],
    host: local?.host,
    onRequest: countSlackRequests(metrics),
    replayGuard: storeReplayGuard(store.atomic),
  });
  await slack.start();
  const port = slack.port ?? config.port;

  // The sandbox delivers simulated inbound messages to this very app, as WhatsApp would to its webhook.
  webhook?.connectSandbox(port);

  return {
    port,
    ...(whatsapp.sandbox ? { sandbox: whatsapp.sandbox } : {}),
    async stop() {
      // Relays run while the Slack requests drain; whatever is left of the same time is theirs after that, so
      // stopping stays within one drain period. The store closes only once they are done.
      const relaysDeadline = performance.now() + DRAIN_TIMEOUT_MS;
      await slack.stop();
      await webhook?.handlers.drain(Math.max(0, relaysDeadline - performance.now()));
      http.stop();
      await core.close();
    },
  };
}

export interface SlackSurfaceDeps extends Omit<BoltAppDeps, "clients"> {
  clients: SlackClients;
  moderation: ModerationService;
  /** False when MODERATORS is empty, which refusals must say. */
  moderatorsConfigured: boolean;
  blocklistPageSize: number;
  /**
   * The business number's country (WA_DEFAULT_COUNTRY). Without it a number typed without "+" cannot be told from
   * a reason starting with digits: "block 6315551000 3 times" would read the number as "6315551000 3".
   */
  businessCountry: Config["whatsapp"]["defaultCountry"];
  now?: () => number;
}

/** The Slack app: Bolt with its receivers, the moderator gate, then every listener (slack/listeners/index.ts). */
export function createSlackSurface(deps: SlackSurfaceDeps): BoltApp {
  const bolt = createBoltApp(deps);
  const flowDeps = {
    moderation: deps.moderation,
    logger: deps.logger.child("slack"),
    blocklistPageSize: deps.blocklistPageSize,
    businessCountry: deps.businessCountry,
    moderatorsConfigured: deps.moderatorsConfigured,
    now: deps.now ?? Date.now,
  };
  bolt.app.use(moderatorGate(flowDeps));
  registerListeners(bolt.app, flowDeps);
  return bolt;
}

function countSlackRequests(metrics: AppMetrics): (surface: SlackSurface) => void {
  return (surface) => {
    if (surface !== "other") metrics.slackRequest(surface);
  };
}
