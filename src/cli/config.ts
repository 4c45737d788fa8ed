import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import dotenv from "dotenv";
import { type Config, loadConfig } from "../config/load-config.js";
import type { LogLevel } from "../log/logger.js";

type Env = Record<string, string | undefined>;

/**
 * The CLI reads the bot's configuration, the environment over `.env` (docs/CONTRACT.md §2, §10), through the bot's
 * own validation. It needs no Slack app: where SLACK_BOT_TOKEN or SLACK_SIGNING_SECRET is missing, a placeholder
 * stands in for the validation only, and nothing is posted to Slack. With a real bot token, audit records also
 * reach AUDIT_CHANNEL, as the bot's do.
 */
export interface CliConfig {
  config: Config;
  /** A real SLACK_BOT_TOKEN is set: audit records go to AUDIT_CHANNEL too. */
  slackConfigured: boolean;
  /** LOG_LEVEL if set; otherwise warnings and errors only, so the log does not drown the command's own output. */
  logLevel: LogLevel;
}

const SLACK_PLACEHOLDERS = {
  SLACK_BOT_TOKEN: "xoxb-cli-placeholder-not-used",
  SLACK_SIGNING_SECRET: "cli-placeholder-not-used",
} as const;

const isSet = (value: string | undefined): value is string => value !== undefined && value.trim() !== "";

/** Throws the bot's ConfigError (every problem at once) when the rest of the configuration is not usable. */
export function loadCliConfig(env: Env = process.env, cwd = process.cwd()): CliConfig {
  const merged: Env = { ...readDotEnv(cwd) };
  for (const [name, value] of Object.entries(env)) if (value !== undefined) merged[name] = value;
  const slackConfigured = isSet(merged.SLACK_BOT_TOKEN);
  const withPlaceholders: Env = { ...merged };
  for (const [name, placeholder] of Object.entries(SLACK_PLACEHOLDERS)) {
    if (!isSet(withPlaceholders[name])) withPlaceholders[name] = placeholder;
  }
  const config = loadConfig(withPlaceholders);
  return { config, slackConfigured, logLevel: isSet(merged.LOG_LEVEL) ? config.logLevel : "warn" };
}

function readDotEnv(cwd: string): Record<string, string> {
  const path = resolve(cwd, ".env");
  return existsSync(path) ? dotenv.parse(readFileSync(path)) : {};
}
