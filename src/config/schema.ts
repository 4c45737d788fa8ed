import type { CountryCode } from "libphonenumber-js";
import { z } from "zod";
import { definedOnly } from "../common/defined-only.js";
import {
  channelId,
  country,
  httpUrl,
  minLength,
  moderatorIds,
  oneOf,
  prefixed,
  readableFile,
  storeUrl,
  text,
  wholeNumber,
} from "./fields.js";
import { checkRequirements, defaultBackend } from "./requirements.js";
import { type Config, LOCAL_BOT_TOKEN, LOG_LEVELS, WA_BACKENDS } from "./types.js";

/** The sandbox emulates a US business number. */
const SANDBOX_COUNTRY: CountryCode = "US";

/** Empty (or blank) values count as unset, as a `.env` line `NAME=` means to its author. */
function setValuesOnly(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).flatMap(([name, value]) => (value?.trim() ? [[name, value.trim()]] : [])),
  );
}

const variables = z.object({
  SLACK_BOT_TOKEN: prefixed("SLACK_BOT_TOKEN", "xoxb-").optional(),
  SLACK_SIGNING_SECRET: text("SLACK_SIGNING_SECRET").optional(),
  SLACK_APP_TOKEN: prefixed("SLACK_APP_TOKEN", "xapp-").optional(),
  SLACK_API_URL: httpUrl("SLACK_API_URL").optional(),
  PORT: wholeNumber("PORT", 0, 65535).default(3000),
  WA_BACKEND: oneOf("WA_BACKEND", WA_BACKENDS).optional(),
  WA_API_URL: httpUrl("WA_API_URL").optional(),
  WA_USERNAME: text("WA_USERNAME").optional(),
  WA_PASSWORD: text("WA_PASSWORD").optional(),
  WA_TOKEN: text("WA_TOKEN").optional(),
  WA_CA_FILE: readableFile("WA_CA_FILE").optional(),
  WA_TIMEOUT_MS: wholeNumber("WA_TIMEOUT_MS", 100, 120_000).default(10_000),
  WA_DEFAULT_COUNTRY: country("WA_DEFAULT_COUNTRY").optional(),
  WA_GRAPH_URL: httpUrl("WA_GRAPH_URL").default("https://graph.facebook.com/v25.0"),
  WA_PHONE_NUMBER_ID: text("WA_PHONE_NUMBER_ID").optional(),
  WA_APP_SECRET: text("WA_APP_SECRET").optional(),
  WA_VERIFY_TOKEN: text("WA_VERIFY_TOKEN").optional(),
  STORE_URL: storeUrl("STORE_URL").default("sqlite://./data/wa-moderator.sqlite"),
  MODERATORS: moderatorIds("MODERATORS").default(() => ({ users: [], groups: [] })),
  AUDIT_CHANNEL: channelId("AUDIT_CHANNEL").optional(),
  RELAY_CHANNEL: channelId("RELAY_CHANNEL").optional(),
  WEBHOOK_SECRET: minLength("WEBHOOK_SECRET", 16).optional(),
  CHECK_DAILY_BUDGET: wholeNumber("CHECK_DAILY_BUDGET", 0).default(200),
  BLOCKLIST_PAGE_SIZE: wholeNumber("BLOCKLIST_PAGE_SIZE", 10, 20).default(15),
  LOG_LEVEL: oneOf("LOG_LEVEL", LOG_LEVELS).default("info"),
});

type Variables = z.output<typeof variables>;

function toConfig(env: Variables): Config {
  const backend = env.WA_BACKEND ?? defaultBackend(env);
  return {
    slack: definedOnly({
      // No bot token: local mode (docs/CONTRACT.md §9). The placeholder is accepted by the built-in Slack
      // stand-in only; Slack itself is never contacted.
      botToken: env.SLACK_BOT_TOKEN ?? LOCAL_BOT_TOKEN,
      local: env.SLACK_BOT_TOKEN === undefined,
      signingSecret: env.SLACK_SIGNING_SECRET,
      // Local mode serves HTTP on loopback: an app token alone does not switch to Socket Mode.
      appToken: env.SLACK_BOT_TOKEN === undefined ? undefined : env.SLACK_APP_TOKEN,
      apiUrl: env.SLACK_API_URL,
      socketMode: env.SLACK_BOT_TOKEN !== undefined && env.SLACK_APP_TOKEN !== undefined,
    }),
    port: env.PORT,
    whatsapp: definedOnly({
      backend,
      apiUrl: env.WA_API_URL,
      username: env.WA_USERNAME,
      password: env.WA_PASSWORD,
      token: env.WA_TOKEN,
      caFile: env.WA_CA_FILE,
      timeoutMs: env.WA_TIMEOUT_MS,
      // Requirements made it present for onprem, so only the sandbox falls back.
      defaultCountry: env.WA_DEFAULT_COUNTRY ?? SANDBOX_COUNTRY,
      graphUrl: env.WA_GRAPH_URL,
      phoneNumberId: env.WA_PHONE_NUMBER_ID,
      appSecret: env.WA_APP_SECRET,
      verifyToken: env.WA_VERIFY_TOKEN,
    }),
    storeUrl: env.STORE_URL,
    moderators: env.MODERATORS,
    ...definedOnly({
      auditChannel: env.AUDIT_CHANNEL,
      relayChannel: env.RELAY_CHANNEL,
      webhookSecret: env.WEBHOOK_SECRET,
    }),
    checkDailyBudget: env.CHECK_DAILY_BUDGET,
    blocklistPageSize: env.BLOCKLIST_PAGE_SIZE,
    logLevel: env.LOG_LEVEL,
  };
}

/**
 * The whole environment (docs/CONTRACT.md §2) as one schema: each variable, then the rules between them, then
 * `Config`.
 */
export const configSchema = z
  .preprocess(
    setValuesOnly,
    variables.superRefine(
      (env, ctx) =>
        checkRequirements(env, (variable, message) =>
          ctx.addIssue({ code: "custom", path: [variable], message }),
        ),
      // Run even when some variables failed, so that every problem is listed at once.
      { when: () => true },
    ),
  )
  .transform(toConfig);
