import { WhatsAppBusyError } from "../errors.js";
import { type Cancellation, sleep } from "../http/cancellation.js";
import { monotonicNow } from "../http/deadline.js";

export interface RateLimit {
  /** Sustained requests per second. */
  perSecond: number;
  /** Requests allowed at once after a quiet spell. */
  burst: number;
}

/** The contacts endpoints allow about 20 requests/s with bursts of 60; staying under avoids 429s. */
export const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 20, burst: 60 };

/**
 * The limit covers the `/v1/contacts*` calls only (docs/CONTRACT.md §8): the health probe and logins have a lane
 * of their own, so a queue of checks never starves them.
 */
export function isRateLimited(path: string): boolean {
  return path.startsWith("/v1/contacts");
}

export interface RateLimiter {
  /**
   * Takes one request's token. Undefined when one was free, so the common case awaits nothing; otherwise a
   * promise that resolves when the caller may send, or rejects with the reason if `cancellation` aborts first.
   * A caller whose turn would come more than `maxWaitMs` from now is refused at once (`noTurnInTime`) and takes
   * nothing, so a turn is never held for a caller who cannot use it.
   */
  take(cancellation: Cancellation, maxWaitMs?: number): Promise<void> | undefined;
}

/**
 * The refusal of a call whose turn would come too late for its caller. It never left, so it is the error of a
 * call WhatsApp did not answer, marked as never sent, which every door already words as "try again".
 */
export function noTurnInTime(perSecond: number): WhatsAppBusyError {
  return new WhatsAppBusyError(
    `WhatsApp's limit of ${perSecond} contacts calls a second left no turn for this one in time, so it was not sent`,
  );
}

/**
 * A token bucket. A caller that finds it empty reserves the next token (the count goes negative) and waits
 * for it, so waiters are served in arrival order without a queue.
 */
export function createRateLimiter(limit: RateLimit, clock: () => number = monotonicNow): RateLimiter {
  if (!(limit.perSecond > 0) || !(limit.burst >= 1)) {
    throw new RangeError(
      `a rate limit needs perSecond > 0 and burst >= 1 (got ${limit.perSecond}, ${limit.burst})`,
    );
  }
  let tokens = limit.burst;
  let refilledAt = clock();
  return {
    take(cancellation, maxWaitMs = Number.POSITIVE_INFINITY) {
      const now = clock();
      tokens = Math.min(limit.burst, tokens + ((now - refilledAt) * limit.perSecond) / 1000);
      refilledAt = now;
      tokens -= 1;
      if (tokens >= 0) return undefined;
      const waitMs = (-tokens * 1000) / limit.perSecond;
      if (waitMs > maxWaitMs) {
        tokens += 1;
        return Promise.reject(noTurnInTime(limit.perSecond));
      }
      return sleep(waitMs, cancellation).catch((error: unknown) => {
        tokens += 1; // give the reservation back to whoever comes next
        throw error;
      });
    },
  };
}

/** A limiter that never waits, for `rateLimit: false`. */
export const UNLIMITED: RateLimiter = { take: () => undefined };
