import { EventEmitter } from "node:events";

/**
 * A one-shot "stop now, because of `reason`" shared by the waits and requests of one operation. It is an
 * EventEmitter emitting "abort" because undici accepts exactly that as a request `signal` (documented next to
 * AbortSignal): creating one costs tens of nanoseconds, where an AbortSignal costs microseconds and
 * AbortSignal.any tens of them, which showed in the throughput of every call.
 */
export class Cancellation extends EventEmitter {
  aborted = false;
  reason: unknown = undefined;

  /** Stops everything listening; later calls keep the first reason. */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.emit("abort");
  }

  /** Calls `listener` once this aborts; the returned function stops listening. */
  onAbort(listener: () => void): () => void {
    this.on("abort", listener);
    return () => this.off("abort", listener);
  }
}

/** setTimeout as a promise that rejects with the cancellation's reason when it aborts first. */
export function sleep(ms: number, cancellation: Cancellation): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return raceCancellation(elapsed, cancellation, () => clearTimeout(timer));
}

/**
 * Settles with `promise`, or rejects with the cancellation's reason as soon as it aborts (the work itself goes
 * on, e.g. a login shared with other callers). `onAbort` lets the caller cancel what it owns.
 */
export function raceCancellation<T>(
  promise: Promise<T>,
  cancellation: Cancellation,
  onAbort?: () => void,
): Promise<T> {
  if (cancellation.aborted) {
    onAbort?.();
    return Promise.reject(cancellation.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const stopListening = cancellation.onAbort(() => {
      onAbort?.();
      reject(cancellation.reason);
    });
    promise.then(
      (value) => {
        stopListening();
        resolve(value);
      },
      (error: unknown) => {
        stopListening();
        reject(error);
      },
    );
  });
}
