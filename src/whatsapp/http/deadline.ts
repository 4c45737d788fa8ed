import { performance } from "node:perf_hooks";
import { WhatsAppTimeoutError } from "../errors.js";
import { Cancellation } from "./cancellation.js";

/** Monotonic milliseconds: wall-clock jumps must not stretch or cut a deadline. */
export const monotonicNow = (): number => performance.now();

/**
 * The most one operation may take by default, retries included: it leaves room within the 15 s a moderator
 * action must be answered in, for the bot's own work (docs/CONTRACT.md §7).
 */
export const DEFAULT_DEADLINE_MS = 13_000;

/** An attempt with less time than this left before the deadline could not get an answer: give up instead. */
export const MIN_ATTEMPT_MS = 50;

/**
 * One caller-visible operation (attempts, retries, a re-login) with a single deadline, so a moderator gets an
 * answer in bounded time whatever WhatsApp does. It aborts at the deadline (reason: `deadlineError`) or when the
 * client closes.
 */
export class Operation extends Cancellation {
  readonly #deadlineMs: number;
  readonly #deadlineAt: number;
  readonly #timer: NodeJS.Timeout;
  #deadlineError: WhatsAppTimeoutError | undefined;

  constructor(deadlineMs: number) {
    super();
    this.#deadlineMs = deadlineMs;
    this.#deadlineAt = monotonicNow() + deadlineMs;
    // A plain timer: setTimeout + clearTimeout cost well under a microsecond, no need to batch them.
    this.#timer = setTimeout(expire, deadlineMs, this);
  }

  /** What the operation fails with once its deadline has passed. Built on first use: most calls never need it. */
  get deadlineError(): WhatsAppTimeoutError {
    this.#deadlineError ??= new WhatsAppTimeoutError(
      `WhatsApp did not answer within ${formatSeconds(this.#deadlineMs)}, retries included`,
    );
    return this.#deadlineError;
  }

  /** Milliseconds left before the deadline (never negative). */
  remaining(): number {
    return Math.max(0, this.#deadlineAt - monotonicNow());
  }

  dispose(): void {
    clearTimeout(this.#timer);
  }
}

function expire(operation: Operation): void {
  operation.abort(operation.deadlineError);
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/**
 * Runs operations and ends every one still running when the client closes. The client keeps this set rather
 * than having each operation listen to a shared "closing" signal, which would cost a listener per call and warn
 * about a leak once more than ten calls are in flight.
 */
export class Operations {
  readonly #deadlineMs: number;
  readonly #live = new Set<Operation>();
  #closedWith: Error | undefined;

  constructor(deadlineMs: number) {
    this.#deadlineMs = deadlineMs;
  }

  /** Runs `work` inside a fresh operation and always clears its deadline; refuses once closed. */
  async run<T>(work: (operation: Operation) => Promise<T>): Promise<T> {
    if (this.#closedWith !== undefined) throw this.#closedWith;
    const operation = new Operation(this.#deadlineMs);
    this.#live.add(operation);
    try {
      return await work(operation);
    } finally {
      operation.dispose();
      this.#live.delete(operation);
    }
  }

  /** Aborts every operation in flight with `reason`, and every later one before it starts. */
  close(reason: Error): void {
    this.#closedWith ??= reason;
    for (const operation of this.#live) operation.abort(this.#closedWith);
  }
}
