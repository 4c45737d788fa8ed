import {
  WaErrorCode,
  WhatsAppApiError,
  WhatsAppBadResponseError,
  WhatsAppConnectionError,
  WhatsAppTimeoutError,
} from "../errors.js";
import { isTransientConnectionError } from "../http/network-errors.js";

/** Graph codes that say "try again" (docs/CONTRACT.md §1.2), top-level or per user. */
const TRANSIENT_CODES: ReadonlySet<number> = new Set([
  WaErrorCode.GraphTransient,
  WaErrorCode.GraphRateLimit,
  WaErrorCode.GraphUserRateLimit,
  WaErrorCode.GraphBusinessRateLimit,
  WaErrorCode.CloudRateLimit,
  WaErrorCode.CloudInternal,
]);

/** Answers that another attempt cannot change, whatever HTTP status they came with. */
const FINAL_CODES: ReadonlySet<number> = new Set([
  WaErrorCode.GraphToken,
  WaErrorCode.GraphPermission,
  WaErrorCode.GraphPermissionDenied,
  WaErrorCode.GraphParameter,
  WaErrorCode.CloudNotEngaged,
  WaErrorCode.CloudSelfBlock,
  WaErrorCode.CloudSomeUsersFailed,
  WaErrorCode.CloudBlocklistFull,
  // The core restarts paging from the first page; replaying the same cursor would fail again.
  WaErrorCode.CloudBlocklistChanged,
]);

function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/**
 * Whether another attempt may help. Every Cloud call is idempotent (blocking twice blocks once), so a timeout
 * or a broken connection is retried too; the caller is told it was resent.
 */
export function isTransient(error: unknown): boolean {
  if (error instanceof WhatsAppApiError) {
    if (TRANSIENT_CODES.has(error.waCode)) return true;
    return !FINAL_CODES.has(error.waCode) && isRetryableStatus(error.httpStatus);
  }
  if (error instanceof WhatsAppBadResponseError) return isRetryableStatus(error.httpStatus);
  if (error instanceof WhatsAppTimeoutError) return true;
  if (error instanceof WhatsAppConnectionError) return isTransientConnectionError(error);
  return false;
}

/**
 * Whether the failed attempt may have reached Graph and been acted on: no answer after sending (timeout, broken
 * connection), or a gateway that gave up waiting on Graph (502, 504).
 */
export function mayHaveArrived(error: unknown): boolean {
  if (error instanceof WhatsAppTimeoutError || error instanceof WhatsAppConnectionError)
    return !error.neverSent;
  if (error instanceof WhatsAppBadResponseError) return error.httpStatus === 502 || error.httpStatus === 504;
  return false;
}
