/**
 * Masks token-looking values inside free text: messages, stacks, error causes, any string a caller logs.
 * Keyed fields of logged objects are censored by pino's `redact` paths (redact-paths.ts); this catches a
 * secret that sits inside a sentence, such as a token quoted in an error message.
 */

const CENSOR = "[redacted]";

/**
 * A word of prose ("An", "auth.", "Information", "API", "re-login"), or a short name in mixed case ("WhatsApp",
 * "PostgreSQL"), as opposed to a secret, which has digits or symbols, or is a long run of mixed-case letters. A
 * sentence after "SLACK_BOT_TOKEN:" or "Basic" must survive: masking it hides what went wrong.
 */
const PROSE_WORD = /^(?:[A-Z]?[a-z]+|[A-Z]+)(?:-(?:[A-Z]?[a-z]+|[A-Z]+))*[.,;:!?]?$/;
const SHORT_NAME = /^[A-Za-z]{2,12}[.,;:!?]?$/;
const isPlainWord = (value: string): boolean => PROSE_WORD.test(value) || SHORT_NAME.test(value);

type Masker = (text: string) => string;

const replaceAll =
  (pattern: RegExp, replacement: string): Masker =>
  (text) =>
    text.replace(pattern, replacement);

const MASKERS: Masker[] = [
  replaceAll(/\bxox[abposr]-[A-Za-z0-9-]+/g, "xox-[redacted]"), // Slack bot/user tokens
  replaceAll(/\bxapp-[A-Za-z0-9-]+/g, "xapp-[redacted]"), // Slack app-level tokens
  // Authorization header values. Spaces only: a scheme name ending a line must not take the next line's word.
  (text) =>
    text.replace(/\b(Bearer|Basic)[ \t]+([A-Za-z0-9._~+/=-]+)/gi, (match, scheme: string, value: string) =>
      isPlainWord(value) ? match : `${scheme} ${CENSOR}`,
    ),
  // key=value, key: value and "key": "value" forms, including JSON-escaped quotes. An unquoted value after a
  // colon is masked only when it is not a plain word: "token: An error occurred" is prose, not a secret.
  (text) =>
    text.replace(
      /((?:password|passwd|secret|token|authorization)(?:\\?["'])?[ \t]*([:=])[ \t]*(\\?["'])?)([^"'\s,&}\\]+)/gi,
      (match, prefix: string, separator: string, quote: string | undefined, value: string) =>
        separator === ":" && quote === undefined && isPlainWord(value) ? match : `${prefix}${CENSOR}`,
    ),
  replaceAll(/(\/\/[^:/@\s]+:)[^@/\s]+@/g, `$1${CENSOR}@`), // credentials in URLs
  // response_urls: whoever holds one can post as the app in that conversation for 30 minutes
  replaceAll(/(hooks\.slack\.com\/)[^\s"'\\]+/g, `$1${CENSOR}`),
];

export function redact(text: string): string {
  return MASKERS.reduce((out, mask) => mask(out), text);
}
