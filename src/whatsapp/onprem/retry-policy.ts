import {
  WhatsAppApiError,
  WhatsAppBadResponseError,
  WhatsAppConnectionError,
  WhatsAppTimeoutError,
} from "../errors.js";
import { isTransientConnectionError } from "./network-errors.js";

/**
 * How hard to try again after a failure worth retrying. Waits use full jitter: retry n (from 0) waits a random
 * time in [0, min(maxDelayMs, baseDelayMs × 2^n)], or longer when the server sends Retry-After. Every wait and
 * attempt stays inside the operation deadline, whatever the policy says.
 */
export interface RetryPolicy {
  readonly name: string;
  /** Attempts after the first one. */
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** Up to 4 retries after waits of at most 250 ms, 500 ms, 1 s and 2 s (doubling, capped at 4 s): ≤ 3.75 s of waiting. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  name: "default",
  retries: 4,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
};

/** The same 4 retries with waits of a few milliseconds, so outage tests run fast. */
export const FAST_RETRY_POLICY: RetryPolicy = { name: "fast", retries: 4, baseDelayMs: 2, maxDelayMs: 10 };

/** One attempt only, for callers that measure raw throughput or retry on their own. */
export const NO_RETRY_POLICY: RetryPolicy = { name: "none", retries: 0, baseDelayMs: 0, maxDelayMs: 0 };

/** Temporary server states: not ready, internal error, too many requests, overloaded, not the primary node. */
const RETRYABLE_WA_CODES = new Set([1011, 1014, 1015, 1016, 1017, 1018]);
/** Answers that will not change on their own: access denied, unknown, bad parameters, not a user, not engaged. */
const FINAL_WA_CODES = new Set([1005, 1006, 1008, 1009, 1013, 2048]);
/** "Slow down" and "overloaded": the server did not act on the request. */
const RETRYABLE_STATUSES = new Set([429, 503]);
/** A gateway in front of the node failed; the node may have acted, so only idempotent calls try again. */
const GATEWAY_STATUSES = new Set([502, 504]);

/**
 * Whether another attempt may help and cannot harm. A non-idempotent call (report) is replayed only when the
 * server said it did not act (429, 503) or the request never left; never after a timeout or a reset.
 */
export function shouldRetry(error: unknown, idempotent: boolean): boolean {
  if (error instanceof WhatsAppApiError) {
    if (FINAL_WA_CODES.has(error.waCode)) return false;
    if (RETRYABLE_STATUSES.has(error.httpStatus)) return true;
    if (error.httpStatus >= 400 && error.httpStatus < 500) return false;
    return idempotent && (RETRYABLE_WA_CODES.has(error.waCode) || GATEWAY_STATUSES.has(error.httpStatus));
  }
  if (error instanceof WhatsAppBadResponseError) {
    return RETRYABLE_STATUSES.has(error.httpStatus) || (idempotent && GATEWAY_STATUSES.has(error.httpStatus));
  }
  // A call that certainly never reached the server can be replayed even when it is not idempotent.
  if (error instanceof WhatsAppTimeoutError) return idempotent || error.neverSent;
  if (error instanceof WhatsAppConnectionError)
    return idempotent ? isTransientConnectionError(error) : error.neverSent;
  return false;
}

/** Milliseconds to wait before retry number `retryIndex` (0 for the first retry). */
export function retryDelay(policy: RetryPolicy, retryIndex: number, error: unknown): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
  const jittered = Math.random() * ceiling;
  const retryAfter = error instanceof WhatsAppApiError ? error.retryAfter : undefined;
  return retryAfter === undefined ? jittered : Math.max(jittered, retryAfter * 1000);
}
