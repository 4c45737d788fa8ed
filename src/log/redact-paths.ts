/**
 * Keys whose value is a secret wherever it appears in a logged object: the secrets of the configuration
 * (config/types.ts), HTTP credentials, and Slack response_urls (whoever holds one can post as the app in that
 * conversation for 30 minutes).
 */
export const SECRET_KEYS = [
  "token",
  "password",
  "new_password",
  "secret",
  "authorization",
  "cookie",
  "botToken",
  "appToken",
  "signingSecret",
  "appSecret",
  "verifyToken",
  "webhookSecret",
  "access_token",
  "x-webhook-secret",
  "response_url",
  "responseUrl",
] as const;

/**
 * How deep below each logged detail a secret key is looked for: `{ token }`, `{ headers: { authorization } }`
 * and `{ request: { headers: { authorization } } }`. pino's redaction has no "any depth" wildcard.
 */
const DEPTHS = ["", ".*", ".*.*"];

function accessor(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`;
}

/** pino `redact` paths: the details of a call are the `data` array of its record (logger.ts). */
export const REDACT_PATHS: string[] = SECRET_KEYS.flatMap((key) =>
  DEPTHS.map((depth) => `data[*]${depth}${accessor(key)}`),
);
