import {
  WhatsAppApiError,
  WhatsAppBadResponseError,
  WhatsAppConnectionError,
  WhatsAppTimeoutError,
} from "../errors.js";
import { isTransientConnectionError } from "../http/network-errors.js";

/**
 * Which On-Premises failures are worth another attempt (docs/CONTRACT.md §1.1 "Capacity and retries"); how long
 * to wait before it is http/retry-timing.ts.
 */

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
