import type { Config } from "../config/types.js";
import { type AppLogger, createLogger } from "../log/logger.js";
import type { Actor } from "../moderation/types.js";
import type { SlackClients } from "../slack/web-client.js";
import { buildCore, type Core } from "../wiring-core.js";
import { cliActor } from "./actor.js";
import { loadCliConfig } from "./config.js";

/**
 * What a command works with: the bot's own store → WhatsApp backend → moderation core (src/wiring-core.ts), so
 * every action meets the same budget, audit trail and audit channel as Slack (docs/CONTRACT.md §10).
 */
export interface CliSession {
  config: Config;
  core: Core;
  actor: Actor;
  logger: AppLogger;
}

/** Opens a session for `work` and always closes it (WhatsApp connection, then the store). */
export async function withSession<T>(work: (session: CliSession) => Promise<T>): Promise<T> {
  const { config, slackConfigured, logLevel } = loadCliConfig();
  const logger = createLogger(logLevel, "wa-moderator-cli");
  const slack = slackConfigured ? await slackClients(config, logger) : undefined;
  // MODERATORS gates Slack only: shell access is the permission here, and the core still audits every action.
  const core = await buildCore(config, logger, { isModerator: async () => true, slack });
  try {
    return await work({ config, core, actor: cliActor(), logger });
  } finally {
    await core.close();
  }
}

/** Loaded only with a real bot token: a CLI run without Slack does not pay for the Slack SDK. */
async function slackClients(config: Config, logger: AppLogger): Promise<SlackClients> {
  const { createSlackClients } = await import("../slack/web-client.js");
  return createSlackClients(
    { botToken: config.slack.botToken, apiUrl: config.slack.apiUrl },
    logger.child("slack"),
  );
}
