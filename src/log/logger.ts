import type { LogLevel as BoltLogLevel, Logger } from "@slack/bolt";
import { type DestinationStream, type Logger as PinoLogger, pino } from "pino";
import { toDetails } from "./details.js";
import type { LogLevel } from "./level.js";
import { redact } from "./mask-text.js";
import { REDACT_PATHS } from "./redact-paths.js";

export type { LogLevel } from "./level.js";
export { redact } from "./mask-text.js";

/**
 * One-line JSON logs on pino, with secrets censored by key (redact-paths.ts) and masked inside free text
 * (mask-text.ts), whatever the caller passed. Implements Bolt's Logger interface so the Slack framework, the
 * Web API client and our code all log the same way.
 *
 * A call is `(message, ...details)`; its record is `{ level, time, name, msg, data: [...details] }`.
 */
export interface AppLogger extends Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
  /** Our level or Bolt's enum (same strings). `getLevel` answers in Bolt's enum: its Logger requires it. */
  setLevel(level: LogLevel): void;
  /** A logger named `<this name>:<name>`, at this logger's level, writing to the same destination. */
  child(name: string): AppLogger;
  /** Lets a caller skip building an entry nobody will see. */
  isLevelEnabled(level: LogLevel): boolean;
}

// Bolt's Logger speaks its own LogLevel enum, whose values are our strings. A type-only import: loading Bolt for
// its enum would load Express, Socket Mode and OAuth into every process that logs (the CLI, the store tools).
const TO_BOLT = {
  debug: "debug" as BoltLogLevel.DEBUG,
  info: "info" as BoltLogLevel.INFO,
  warn: "warn" as BoltLogLevel.WARN,
  error: "error" as BoltLogLevel.ERROR,
} satisfies Record<LogLevel, BoltLogLevel>;

/**
 * `destination` defaults to stderr, written synchronously so the line explaining an exit is out before
 * `process.exit`. Tests pass a stream that keeps the lines (test/support/capture-logger.ts).
 */
export function createLogger(
  level: LogLevel = "info",
  name = "wa-moderator",
  destination: DestinationStream = pino.destination({ dest: 2, sync: true }),
): AppLogger {
  const root = pino(
    {
      level,
      base: null, // no pid or hostname: the name says which part of the app wrote the line
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    },
    destination,
  );
  return named(root, name, level);
}

/** Every AppLogger is a child of the root, so renaming one rebinds `name` instead of adding a second one. */
function named(root: PinoLogger, name: string, level: LogLevel): AppLogger {
  let current = level;
  let currentName = name;
  let logger = root.child({ name }, { level });
  const emit = (at: LogLevel, args: unknown[]): void => {
    if (!logger.isLevelEnabled(at)) return;
    const [first, ...rest] = args;
    // Bolt sometimes logs an Error or an object alone: it becomes a detail, and the line has no msg.
    const message = typeof first === "string" ? redact(first) : undefined;
    const details = toDetails(message === undefined ? args : rest, at);
    const record = details.length > 0 ? { data: details } : {};
    if (message === undefined) logger[at](record);
    else logger[at](record, message);
  };
  return {
    debug: (...args: unknown[]) => emit("debug", args),
    info: (...args: unknown[]) => emit("info", args),
    warn: (...args: unknown[]) => emit("warn", args),
    error: (...args: unknown[]) => emit("error", args),
    setLevel: (next: LogLevel) => {
      current = next;
      logger.level = next;
    },
    getLevel: () => TO_BOLT[current],
    // The Web API client names the logger it is given ("web-api:WebClient:0"), as Bolt's Logger allows.
    setName: (next) => {
      currentName = next;
      logger = root.child({ name: next }, { level: current });
    },
    child: (childName) => named(root, `${currentName}:${childName}`, current),
    isLevelEnabled: (at) => logger.isLevelEnabled(at),
  };
}
