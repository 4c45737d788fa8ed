import type { CountryCode } from "libphonenumber-js";

/** Every backend docs/CONTRACT.md §1 names. */
export const WA_BACKENDS = ["onprem", "cloud", "sandbox", "sandbox-cloud"] as const;
export type WaBackendName = (typeof WA_BACKENDS)[number];

export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type ConfigLogLevel = (typeof LOG_LEVELS)[number];

/** The validated environment (docs/CONTRACT.md §2). Optional settings are absent, never undefined. */
/**
 * The bot token of local mode (no SLACK_BOT_TOKEN, docs/CONTRACT.md §9): only the built-in Slack stand-in of
 * src/playground/ accepts it.
 */
export const LOCAL_BOT_TOKEN = "xoxb-local-playground";

export interface Config {
  slack: {
    /** SLACK_BOT_TOKEN, or LOCAL_BOT_TOKEN in local mode. */
    botToken: string;
    /** No SLACK_BOT_TOKEN: local mode, the playground with its Slack stand-in (docs/CONTRACT.md §9). */
    local: boolean;
    signingSecret?: string;
    appToken?: string;
    apiUrl?: string;
    socketMode: boolean;
  };
  port: number;
  whatsapp: {
    backend: WaBackendName;
    apiUrl?: string;
    username?: string;
    password?: string;
    token?: string;
    caFile?: string;
    timeoutMs: number;
    defaultCountry: CountryCode;
    graphUrl: string;
    phoneNumberId?: string;
    appSecret?: string;
    verifyToken?: string;
  };
  storeUrl: string;
  moderators: { users: string[]; groups: string[] };
  auditChannel?: string;
  relayChannel?: string;
  webhookSecret?: string;
  checkDailyBudget: number;
  blocklistPageSize: number;
  logLevel: ConfigLogLevel;
}
