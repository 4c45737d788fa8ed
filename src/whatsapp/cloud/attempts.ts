import type { AppLogger } from "../../log/logger.js";
import { WhatsAppApiError, WhatsAppConnectionError, WhatsAppTimeoutError } from "../errors.js";
import { MIN_ATTEMPT_MS, type Operation } from "../http/deadline.js";
import { errorCode } from "../http/network-errors.js";
import { type RetryPolicy, retryDelay } from "../http/retry-timing.js";
import { isTransient, mayHaveArrived } from "./retry.js";

export interface AttemptOptions {
  retry: RetryPolicy;
  random: () => number;
  /** Waits `ms`, rejecting with the operation's reason when it ends first. */
  pause: (ms: number, operation: Operation) => Promise<void>;
  logger: AppLogger;
}

export interface Attempted<T> {
  value: T;
  /** An earlier attempt may have reached Graph before the one that answered. */
  resent: boolean;
}

/**
 * The final error, marked when an earlier attempt may have gone through: WhatsAppApiError gets
 * `mayHaveGoneThrough`, and a timeout or connection failure no longer claims the request was never sent.
 */
function withEarlierAttempt(error: unknown): unknown {
  if (error instanceof WhatsAppApiError && !error.mayHaveGoneThrough) {
    const { waCode: code, title, details, httpStatus, retryAfter, fbtraceId } = error;
    return new WhatsAppApiError(
      {
        code,
        title,
        ...(details === undefined ? {} : { details }),
        httpStatus,
        retryAfter,
        fbtraceId,
        mayHaveGoneThrough: true,
      },
      { cause: error },
    );
  }
  if (error instanceof WhatsAppTimeoutError && error.neverSent) {
    return new WhatsAppTimeoutError(error.message, { cause: error });
  }
  if (error instanceof WhatsAppConnectionError && error.neverSent) {
    return new WhatsAppConnectionError(error.message, { cause: error });
  }
  return error;
}

/**
 * Runs `attempt` until it succeeds, fails for good, or the operation's budget leaves no room for another try.
 * Only transient failures are retried (retry.ts), after a jittered wait that honours Retry-After.
 */
export async function withRetries<T>(
  what: { method: string; path: string },
  attempt: (operation: Operation) => Promise<T>,
  operation: Operation,
  options: AttemptOptions,
): Promise<Attempted<T>> {
  const { retry, random, pause, logger } = options;
  let resent = false;
  try {
    for (let retryIndex = 0; ; retryIndex += 1) {
      if (operation.remaining() < MIN_ATTEMPT_MS) throw operation.deadlineError;
      try {
        return { value: await attempt(operation), resent };
      } catch (error) {
        if (operation.aborted) throw operation.reason;
        const waitMs =
          retryIndex < retry.retries && isTransient(error)
            ? retryDelay(retry, retryIndex, error, random)
            : undefined;
        const again = waitMs !== undefined && waitMs + MIN_ATTEMPT_MS <= operation.remaining();
        if (logger.isLevelEnabled("debug")) {
          logger.debug("graph call failed", {
            ...what,
            attempt: retryIndex + 1,
            error: errorCode(error) ?? "unknown",
            ...(error instanceof WhatsAppApiError ? { waCode: error.waCode, status: error.httpStatus } : {}),
            ...(again ? { retryInMs: Math.round(waitMs) } : {}),
          });
        }
        if (!again) throw error;
        resent ||= mayHaveArrived(error);
        await pause(waitMs, operation);
      }
    }
  } catch (error) {
    throw resent ? withEarlierAttempt(error) : error;
  }
}
