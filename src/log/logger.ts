import { type Logger, LogLevel } from "@slack/bolt";
import { AppError } from "../shared/app-error.js";
import { describeError } from "./describe-error.js";

/**
 * One-line JSON logs with every secret-looking value masked, whatever the caller passed. Implements Bolt's
 * Logger interface so the Slack framework, the WhatsApp client and our code all log the same way.
 */

const SECRET_PATTERNS: Array<[RegExp, string]> = [
  [/\bxox[abposr]-[A-Za-z0-9-]+/g, "xox-[redacted]"], // Slack bot/user tokens
  [/\bxapp-[A-Za-z0-9-]+/g, "xapp-[redacted]"], // Slack app-level tokens
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, "$1 [redacted]"], // Authorization header values
  // key=value and "key": "value" forms, including JSON-escaped quotes inside a log line
  [
    /((?:password|passwd|secret|token|authorization)(?:\\?["'])?\s*[:=]\s*(?:\\?["'])?)[^"'\s,&}\\]+/gi,
    "$1[redacted]",
  ],
  [/(\/\/[^:/@\s]+:)[^@/\s]+@/g, "$1[redacted]@"], // credentials in URLs
  // response_urls: whoever holds one can post as the app in that conversation for 30 minutes
  [/(hooks\.slack\.com\/)[^\s"'\\]+/g, "$1[redacted]"],
];

export function redact(text: string): string {
  return SECRET_PATTERNS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

const ORDER: Record<LogLevel, number> = {
  [LogLevel.DEBUG]: 10,
  [LogLevel.INFO]: 20,
  [LogLevel.WARN]: 30,
  [LogLevel.ERROR]: 40,
};

/**
 * Errors keep their stack and causes so an unexpected failure can be located. An AppError logged below error
 * level is a condition the app expects and has named by its code: its stack would only add noise.
 */
function describe(value: unknown, at: LogLevel): unknown {
  if (value instanceof Error) {
    return describeError(value, { withStack: at === LogLevel.ERROR || !(value instanceof AppError) });
  }
  return value;
}

/**
 * Each string is masked before JSON escapes it: escaped, a token just after a newline in a stack follows the
 * letter n and loses the word boundary its pattern needs. The whole line is masked again for secrets split
 * across a JSON key and its value.
 */
function toRedactedJson(value: unknown): string {
  const json = JSON.stringify(value, (_key, field: unknown) =>
    typeof field === "string" ? redact(field) : field,
  );
  return redact(json);
}

export interface AppLogger extends Logger {
  child(name: string): AppLogger;
}

export function createLogger(
  level: LogLevel = LogLevel.INFO,
  name = "wa-moderator",
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): AppLogger {
  let current = level;
  let currentName = name;
  const emit = (at: LogLevel, args: unknown[]): void => {
    if (ORDER[at] < ORDER[current]) return;
    const [first, ...rest] = args;
    const msg = typeof first === "string" ? first : toRedactedJson(describe(first, at));
    const extra = rest.length > 0 ? { data: rest.map((value) => describe(value, at)) } : {};
    const line = toRedactedJson({
      time: new Date().toISOString(),
      level: at,
      name: currentName,
      msg,
      ...extra,
    });
    write(line);
  };
  return {
    debug: (...args) => emit(LogLevel.DEBUG, args),
    info: (...args) => emit(LogLevel.INFO, args),
    warn: (...args) => emit(LogLevel.WARN, args),
    error: (...args) => emit(LogLevel.ERROR, args),
    setLevel: (next) => {
      current = next;
    },
    getLevel: () => current,
    setName: (next) => {
      currentName = next;
    },
    child: (childName) => createLogger(current, `${currentName}:${childName}`, write),
  };
}

/** A logger that keeps lines in memory, for tests that assert what was (not) logged. */
export function createMemoryLogger(level: LogLevel = LogLevel.DEBUG): AppLogger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(
    createLogger(level, "test", (line) => lines.push(line)),
    { lines },
  );
}
