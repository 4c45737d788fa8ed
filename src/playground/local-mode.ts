import { randomBytes } from "node:crypto";
import type { CustomRoute } from "@slack/bolt";
import type { Config } from "../config/types.js";
import type { AppLogger } from "../log/logger.js";
import type { AnySandboxHandle } from "../sandbox/index.js";
import { createPlayground, type PlaygroundPeople } from "./playground.js";
import { startFakeSlackApi } from "./slack-api.js";

/**
 * Local mode (docs/CONTRACT.md §9): with no SLACK_BOT_TOKEN the bot runs whole on this machine. A Slack stand-in
 * (slack-api.ts, on its own loopback port) answers the Web API calls and response URLs; the bot listens on
 * 127.0.0.1 only, and serves the playground page, whose every action reaches /slack/events signed with a secret
 * made up at start, exactly as Slack's requests do. Moderator, relay channel and audit channel get local defaults
 * where the environment sets none.
 */

/** What the composition root adds in local mode: the playground's routes and the loopback address. */
export interface LocalModeHooks {
  routes: CustomRoute[];
  host: string;
}

export interface LocalRunningBot {
  port: number;
  sandbox?: AnySandboxHandle;
  stop(): Promise<void>;
}

export type StartBot = (config: Config, logger: AppLogger, local: LocalModeHooks) => Promise<LocalRunningBot>;

export const LOOPBACK = "127.0.0.1";

/** The local defaults, used where the environment sets none. */
export const LOCAL_DEFAULTS = {
  /** The playground's user when MODERATORS names no user: a moderator. */
  moderator: "U0PLAYMOD",
  /** A member who is not a moderator, to see a refusal. */
  visitor: "U0VISITOR",
  channels: { moderation: "C0MODERATION", relay: "C0WHATSAPP", audit: "C0AUDIT" },
} as const;

export async function startLocalMode(
  config: Config,
  logger: AppLogger,
  startBot: StartBot,
): Promise<LocalRunningBot> {
  const log = logger.child("playground");
  const standIn = await startFakeSlackApi({ token: config.slack.botToken });
  const moderator = config.moderators.users[0] ?? LOCAL_DEFAULTS.moderator;
  // Moderator groups list the playground's moderator, as if it were a member of each.
  for (const group of config.moderators.groups) standIn.setUserGroups(group, [moderator]);
  const moderators =
    config.moderators.users.length + config.moderators.groups.length > 0
      ? config.moderators
      : { users: [moderator], groups: [] };
  const relayChannel = config.relayChannel ?? LOCAL_DEFAULTS.channels.relay;
  const auditChannel = config.auditChannel ?? LOCAL_DEFAULTS.channels.audit;
  const signingSecret = randomBytes(32).toString("hex");
  const localConfig: Config = {
    ...config,
    slack: {
      botToken: config.slack.botToken,
      local: true,
      socketMode: false,
      signingSecret,
      apiUrl: standIn.url,
    },
    moderators,
    relayChannel,
    auditChannel,
  };
  const people: PlaygroundPeople = {
    moderator,
    visitor: LOCAL_DEFAULTS.visitor,
    channels: {
      moderation: LOCAL_DEFAULTS.channels.moderation,
      relay: relayChannel,
      audit: auditChannel,
    },
  };
  const playground = createPlayground({ standIn, signingSecret, people, logger: log });
  let bot: LocalRunningBot;
  try {
    bot = await startBot(localConfig, logger, { routes: playground.routes, host: LOOPBACK });
  } catch (error) {
    await standIn.close();
    throw error;
  }
  playground.attach({ port: bot.port, sandbox: bot.sandbox });
  log.info(`local mode: open the playground at http://${LOOPBACK}:${bot.port}/`, {
    moderator,
    relayChannel,
    auditChannel,
  });
  return {
    ...bot,
    async stop() {
      playground.close();
      await bot.stop();
      await standIn.close();
    },
  };
}
