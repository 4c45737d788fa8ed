/** How numbers answered `processing` are asked about again until their status is final. */
export interface PollPolicy {
  /** Re-polls always made (deadline permitting) before a number is reported as still processing. */
  minRounds: number;
  /** After `minRounds`, re-polling goes on while the next one starts within this long of the first answer. */
  windowMs: number;
  /** Wait before the first re-poll; doubles each round up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
}

/** Waits of 250 ms, 500 ms, 1 s, then 2 s each: 5 re-polls by about 6 s, 7 within the 10 s window. */
export const DEFAULT_POLL_POLICY: PollPolicy = {
  minRounds: 5,
  windowMs: 10_000,
  firstDelayMs: 250,
  maxDelayMs: 2_000,
};

/** The same 5 re-polls a few milliseconds apart, for tests. */
export const FAST_POLL_POLICY: PollPolicy = { minRounds: 5, windowMs: 40, firstDelayMs: 1, maxDelayMs: 4 };

/** Milliseconds to wait before re-poll `round` (1 for the first). */
export function pollDelay(policy: PollPolicy, round: number): number {
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (round - 1));
}
