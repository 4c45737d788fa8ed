import { performance } from "node:perf_hooks";

/**
 * Runs `task(0)` … `task(total - 1)` with exactly `concurrency` in flight until all are done, and answers how
 * long that took in milliseconds. A fixed pool (rather than one promise per task) keeps queueing out of the figure.
 */
export async function runAtConcurrency(
  total: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<number> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const index = next;
      next += 1;
      await task(index);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return performance.now() - started;
}

/** Requests per second, rounded, for printing. */
export function perSecond(requests: number, elapsedMs: number): number {
  return Math.round((requests * 1000) / elapsedMs);
}
