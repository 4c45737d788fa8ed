import { inspect } from "node:util";

/**
 * An Error as a log record shows it: its name, code and message, and, when asked, its stack and the stacks of
 * its causes, so an operator can find where an unexpected failure started. Secrets are masked by the logger.
 */
export interface LoggedError {
  error: string;
  code?: unknown;
  message: string;
  stack?: string;
  cause?: LoggedError | string;
}

/** Enough for a wrapper of a wrapper of the real failure; a longer chain is cut rather than flooding the line. */
const MAX_CAUSE_DEPTH = 5;

export function describeError(error: Error, options: { withStack: boolean }): LoggedError {
  return describeLink(error, options.withStack, new Set(), 0);
}

function describeLink(error: Error, withStack: boolean, seen: Set<Error>, depth: number): LoggedError {
  seen.add(error);
  const code = (error as { code?: unknown }).code;
  const cause =
    error.cause === undefined ? undefined : describeCause(error.cause, withStack, seen, depth + 1);
  return {
    error: error.name,
    ...(code === undefined ? {} : { code }),
    message: error.message,
    ...(withStack && error.stack !== undefined ? { stack: error.stack } : {}),
    ...(cause === undefined ? {} : { cause }),
  };
}

function describeCause(
  cause: unknown,
  withStack: boolean,
  seen: Set<Error>,
  depth: number,
): LoggedError | string {
  if (!(cause instanceof Error)) {
    return typeof cause === "string"
      ? cause
      : inspect(cause, { depth: 2, breakLength: Number.POSITIVE_INFINITY });
  }
  // A cause chain can loop back on itself; show each error once.
  if (seen.has(cause)) return `[cycle: ${cause.name} shown above]`;
  if (depth > MAX_CAUSE_DEPTH) return `[${cause.name} and deeper causes omitted]`;
  return describeLink(cause, withStack, seen, depth);
}
