import { performance } from "node:perf_hooks";
import type { FakeSlackApi } from "../../test/support/fake-slack-api.js";

/**
 * Waits for the answers a bot posts to the Slack stand-in's response_urls: `answerAt(path)` resolves with the
 * time (performance.now()) the answer to `path` arrived, and rejects when none came within `timeoutMs`.
 */
export function answerWaiters(slack: FakeSlackApi, timeoutMs: number): (path: string) => Promise<number> {
  const waiters = new Map<string, () => void>();
  slack.onResponseUrlHit((hit) => {
    const waiter = waiters.get(hit.path);
    waiters.delete(hit.path);
    waiter?.();
  });
  return (path) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(path);
        reject(new Error(`no answer reached ${path} within ${timeoutMs} ms`));
      }, timeoutMs);
      waiters.set(path, () => {
        clearTimeout(timer);
        resolve(performance.now());
      });
    });
}
