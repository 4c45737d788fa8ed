import { type Logger, LogLevel } from "@slack/bolt";

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

function describe(value: unknown): unknown {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { error: value.name, ...(code === undefined ? {} : { code }), message: value.message };
  }
  return value;
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
    const msg = typeof first === "string" ? first : JSON.stringify(describe(first));
    const extra = rest.length > 0 ? { data: rest.map(describe) } : {};
    const line = JSON.stringify({
      time: new Date().toISOString(),
      level: at,
      name: currentName,
      msg,
      ...extra,
    });
    write(redact(line));
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
