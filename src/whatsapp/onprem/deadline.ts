import { performance } from "node:perf_hooks";
import { WhatsAppTimeoutError } from "../errors.js";

/** Monotonic milliseconds: wall-clock jumps must not stretch or cut a deadline. */
export const monotonicNow = (): number => performance.now();

/**
 * One caller-visible operation (attempts, retries, a re-login) with a single deadline, so a moderator gets an
 * answer in bounded time whatever WhatsApp does. `signal` aborts at the deadline (reason: WhatsAppTimeoutError),
 * when the caller's signal aborts, or when the client closes.
 */
export interface Operation {
  readonly signal: AbortSignal;
  /** What the operation fails with once its deadline has passed. */
  readonly deadlineError: WhatsAppTimeoutError;
  /** Milliseconds left before the deadline (never negative). */
  remaining(): number;
  dispose(): void;
}

function startOperation(deadlineMs: number, signals: AbortSignal[]): Operation {
  const deadlineAt = monotonicNow() + deadlineMs;
  const deadlineError = new WhatsAppTimeoutError(
    `WhatsApp did not answer within ${formatSeconds(deadlineMs)}, retries included`,
  );
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(deadlineError), deadlineMs);
  return {
    signal: AbortSignal.any([deadline.signal, ...signals]),
    deadlineError,
    remaining: () => Math.max(0, deadlineAt - monotonicNow()),
    dispose: () => clearTimeout(timer),
  };
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** Runs `work` inside a fresh operation and always clears its deadline timer. */
export async function withOperation<T>(
  deadlineMs: number,
  signals: AbortSignal[],
  work: (operation: Operation) => Promise<T>,
): Promise<T> {
  const operation = startOperation(deadlineMs, signals);
  try {
    return await work(operation);
  } finally {
    operation.dispose();
  }
}

/** setTimeout as a promise that rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return raceSignal(elapsed, signal, () => clearTimeout(timer));
}

/**
 * Settles with `promise`, or rejects with the signal's reason as soon as it aborts (the work itself goes on,
 * e.g. a login shared with other callers). `onAbort` lets the caller cancel what it owns.
 */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal, onAbort?: () => void): Promise<T> {
  if (signal.aborted) {
    onAbort?.();
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      onAbort?.();
      reject(signal.reason);
    };
    signal.addEventListener("abort", abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", abort);
        reject(error);
      },
    );
  });
}
