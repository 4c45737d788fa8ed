import { AppError } from "../common/app-error.js";
import { describeError } from "./describe-error.js";
import type { LogLevel } from "./level.js";
import { redact } from "./mask-text.js";

/** Nesting kept in a logged detail: enough for any record we log, a bound on what a stray object costs. */
const MAX_DEPTH = 8;

/**
 * The details of a log call as its record's `data` shows them: Errors described (describe-error.ts), and
 * every string masked before pino escapes it. Escaped, a token just after a newline in a stack follows the
 * letter n and loses the word boundary its pattern needs. Keyed secrets are left to pino's `redact` paths.
 */
export function toDetails(values: unknown[], level: LogLevel): unknown[] {
  return values.map((value) => toDetail(value, level, [], 0));
}

/**
 * Errors keep their stack and causes so an unexpected failure can be located. An AppError logged below error
 * level is a condition the app expects and has named by its code: its stack would only add noise.
 */
function withStack(error: Error, level: LogLevel): boolean {
  return level === "error" || !(error instanceof AppError);
}

function toDetail(value: unknown, level: LogLevel, ancestors: object[], depth: number): unknown {
  if (typeof value === "string") return redact(value);
  if (typeof value === "bigint") return value.toString();
  if (typeof value !== "object" || value === null) return value;
  if (ancestors.includes(value)) return "[Circular]";
  if (depth >= MAX_DEPTH) return "[nested too deep]";
  if (value instanceof Error) {
    return toDetail(describeError(value, { withStack: withStack(value, level) }), level, ancestors, depth);
  }
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === "function") return toDetail(toJSON.call(value), level, ancestors, depth + 1);
  const inside = [...ancestors, value];
  if (Array.isArray(value)) return value.map((item) => toDetail(item, level, inside, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [key, toDetail(field, level, inside, depth + 1)]),
  );
}
