/**
 * Work that outlives the request that started it (a listener after its ack, a relay after the webhook's 200),
 * counted so that stopping can wait for it rather than cut it off.
 */
export interface PendingWork {
  /** Counts `work` until it settles; its outcome is the caller's to handle. */
  track(work: Promise<unknown>): void;
  readonly size: number;
  /**
   * Resolves once nothing is pending, work started meanwhile included, or after `timeoutMs`, whichever comes
   * first; answers how much was still pending then.
   */
  drain(timeoutMs: number): Promise<number>;
}

export function createPendingWork(): PendingWork {
  const pending = new Set<Promise<unknown>>();
  return {
    track(work) {
      const settled = work.then(
        () => undefined,
        () => undefined,
      );
      pending.add(settled);
      void settled.then(() => pending.delete(settled));
    },
    get size() {
      return pending.size;
    },
    async drain(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      let timedOut = false;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          timedOut = true;
          resolve();
        }, timeoutMs);
      });
      while (pending.size > 0 && !timedOut) await Promise.race([Promise.all(pending), deadline]);
      clearTimeout(timer);
      return pending.size;
    },
  };
}
