/**
 * Every environment variable the app reads (docs/CONTRACT.md §2), in the order problems are listed and
 * `.env.example` documents them. `about` completes "missing — …", `example` is a good value, and `secret` values
 * are never quoted back in a problem (each variable says whether it is one).
 */
export interface VariableHelp {
  about: string;
  example: string;
  secret: boolean;
}

export const VARIABLES = {
  SLACK_BOT_TOKEN: {
    about: 'the bot token from "OAuth & Permissions" (unset: local mode, the playground)',
    example: "xoxb-1234-5678-abcd",
    secret: true,
  },
  SLACK_SIGNING_SECRET: {
    about: 'the signing secret from "Basic Information" → "App Credentials"',
    example: "0123456789abcdef0123456789abcdef",
    secret: true,
  },
  SLACK_APP_TOKEN: {
    about: 'an app-level token from "Basic Information" → "App-Level Tokens" (scope connections:write)',
    example: "xapp-1-A0123-4567-abcd",
    secret: true,
  },
  SLACK_API_URL: {
    about: "the Slack Web API base URL",
    example: "https://slack.com/api/",
    secret: false,
  },
  PORT: {
    about: "the HTTP port to listen on",
    example: "3000",
    secret: false,
  },
  WA_BACKEND: {
    about: "which WhatsApp API to use",
    example: "onprem",
    secret: false,
  },
  WA_API_URL: {
    about: "the On-Premises API base URL",
    example: "https://wa.example.com:9090",
    secret: false,
  },
  WA_USERNAME: {
    about: "the On-Premises API user",
    example: "admin",
    secret: false,
  },
  WA_PASSWORD: {
    about: "the On-Premises API user's password",
    example: "change-me",
    secret: true,
  },
  WA_TOKEN: {
    about: "a bearer token (On-Premises token, or the Cloud API system-user token)",
    example: "EAAG-your-token",
    secret: true,
  },
  WA_CA_FILE: {
    about: "a PEM file with the certificates to trust for WA_API_URL",
    example: "./certs/wa-ca.pem",
    secret: false,
  },
  WA_TIMEOUT_MS: {
    about: "the per-request timeout in milliseconds",
    example: "10000",
    secret: false,
  },
  WA_DEFAULT_COUNTRY: {
    about: "the ISO country of the business number, for numbers typed without +",
    example: "US",
    secret: false,
  },
  WA_GRAPH_URL: {
    about: "the Graph API base URL with its version",
    example: "https://graph.facebook.com/v25.0",
    secret: false,
  },
  WA_PHONE_NUMBER_ID: {
    about: 'the phone number id from WhatsApp Manager → "API Setup"',
    example: "106540352242922",
    secret: false,
  },
  WA_APP_SECRET: {
    about: 'the Meta app secret that signs webhooks ("App settings" → "Basic")',
    example: "0123456789abcdef0123456789abcdef",
    secret: true,
  },
  WA_VERIFY_TOKEN: {
    about: "the token chosen for the Cloud webhook subscription check",
    example: "a-long-random-string",
    secret: true,
  },
  STORE_URL: {
    about: "where the app keeps its data",
    example: "sqlite://./data/wa-moderator.sqlite",
    secret: false,
  },
  MODERATORS: {
    about: "Slack user ids (U…) and user-group ids (S…) allowed to act, comma separated",
    example: "U0123ABCD,S0456EFGH",
    secret: false,
  },
  AUDIT_CHANNEL: {
    about: "the channel id where moderation actions are posted",
    example: "C0123ABCD",
    secret: false,
  },
  RELAY_CHANNEL: {
    about: "the channel id where inbound WhatsApp messages are relayed",
    example: "C0456EFGH",
    secret: false,
  },
  WEBHOOK_SECRET: {
    about: "the shared secret the On-Premises webhook sends (?secret= or X-Webhook-Secret)",
    example: "a-random-string-of-32-characters",
    secret: true,
  },
  CHECK_DAILY_BUDGET: {
    about: "uncached contact checks allowed per UTC day",
    example: "200",
    secret: false,
  },
  BLOCKLIST_PAGE_SIZE: {
    about: "rows per blocklist page",
    example: "15",
    secret: false,
  },
  LOG_LEVEL: {
    about: "how much to log",
    example: "info",
    secret: false,
  },
} as const satisfies Record<string, VariableHelp>;

export type EnvVariable = keyof typeof VARIABLES;

/** In documentation order: the order problems are listed in. */
export const ENV_VARIABLES: readonly string[] = Object.keys(VARIABLES);

export function isEnvVariable(name: string): name is EnvVariable {
  return Object.hasOwn(VARIABLES, name);
}

/** A value as a problem may show it: secrets never, URLs without their credentials. */
export function quote(variable: EnvVariable, value: string): string {
  const help: VariableHelp = VARIABLES[variable];
  if (help.secret) return "the value";
  return JSON.stringify(value.replace(/(^|\/\/)[^/@\s]*@/, "$1***@"));
}

/** "missing — <what it is>", plus why it is needed when that depends on other settings. */
export function missing(variable: EnvVariable, neededWhen?: string): string {
  return `missing — ${VARIABLES[variable].about}${neededWhen === undefined ? "" : `; ${neededWhen}`}`;
}
