import { WhatsAppApiError } from "../errors.js";

/**
 * How hard to try again after a failure worth retrying; which failures are worth it is each client's own policy
 * (onprem/retry-policy.ts, cloud/retry.ts). Waits use full jitter: retry n (from 0) waits a random time in
 * [0, min(maxDelayMs, baseDelayMs × 2^n)], or longer when the server sends Retry-After. Every wait and attempt
 * stays inside the operation deadline, whatever the policy says (docs/CONTRACT.md §7).
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

/**
 * Milliseconds to wait before retry number `retryIndex` (0 for the first retry) after `error`. `random` gives
 * the jitter, in [0, 1); tests pass their own so they need not wait.
 */
export function retryDelay(
  policy: RetryPolicy,
  retryIndex: number,
  error: unknown,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
  const jittered = random() * ceiling;
  const retryAfter = error instanceof WhatsAppApiError ? error.retryAfter : undefined;
  return retryAfter === undefined ? jittered : Math.max(jittered, retryAfter * 1000);
}
