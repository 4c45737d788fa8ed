import { type AppLogger, createLogger, type LogLevel } from "../../src/log/logger.js";

export type CapturedLogger = AppLogger & {
  /** Every line written, in order, each one JSON record without its newline. */
  lines: string[];
};

/**
 * The production logger (pino, redaction and all) writing to memory instead of stderr, for tests that assert
 * what was, or was not, logged. Its name is "test"; children are "test:<name>".
 */
export function captureLogger(level: LogLevel = "debug"): CapturedLogger {
  const lines: string[] = [];
  // pino writes one whole record per call, synchronously, so a test reads it right after the call.
  const destination = { write: (line: string) => void lines.push(line.trimEnd()) };
  return Object.assign(createLogger(level, "test", destination), { lines });
}
