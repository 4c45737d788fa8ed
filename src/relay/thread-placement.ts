import { performance } from "node:perf_hooks";
import type { AppLogger } from "../log/logger.js";
import type { ThreadIndex } from "./types.js";

/**
 * Where a contact's message of a UTC day goes: into the day's thread, or at top level to open it. Replicas
 * sharing the store agree through the index's opening claim: one opens the thread, the others wait for it. The
 * store failing degrades to posting at top level, never to losing the message.
 */
export interface ThreadPlacement {
  /** The thread to reply in; none when this message is to open it (`opens`) or waited for it in vain. */
  find(contact: string, day: string, messageId: string): Promise<{ threadTs?: string; opens: boolean }>;
  /** The opening post went out as `ts`: later messages of the day reply to it. */
  opened(contact: string, day: string, ts: string, messageId: string): Promise<void>;
  /** The opening post failed: the next message opens the thread without waiting. */
  abandon(contact: string, day: string): Promise<void>;
}

/**
 * A message whose thread another replica is opening waits this long for it (a Slack post, retries included,
 * and the store write), then posts at top level and opens the thread itself rather than be held up.
 */
export const THREAD_WAIT_MS = 10_000;
const THREAD_POLL_MS = [50, 100, 200, 400, 800];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createThreadPlacement(
  threads: ThreadIndex,
  logger: AppLogger,
  waitMs: number = THREAD_WAIT_MS,
): ThreadPlacement {
  const threadOf = async (contact: string, day: string): Promise<string | undefined> => {
    try {
      return await threads.get(contact, day);
    } catch (error) {
      logger.warn("could not look up the relay thread; posting at top level", error);
      return undefined;
    }
  };

  const claims = async (contact: string, day: string): Promise<boolean> => {
    try {
      return await threads.claimOpening(contact, day);
    } catch (error) {
      logger.warn("could not claim the opening of a relay thread; opening it", error);
      return true;
    }
  };

  const waitForThread = async (
    contact: string,
    day: string,
    messageId: string,
  ): Promise<string | undefined> => {
    // Elapsed time, not the relay's clock: that one dates messages, and tests hold it still.
    const deadline = performance.now() + waitMs;
    for (let attempt = 0; performance.now() < deadline; attempt++) {
      const pause = THREAD_POLL_MS[Math.min(attempt, THREAD_POLL_MS.length - 1)] ?? 0;
      await sleep(Math.min(pause, deadline - performance.now()));
      const ts = await threadOf(contact, day);
      if (ts !== undefined) return ts;
    }
    logger.warn("another replica did not open the relay thread in time; posting at top level", { messageId });
    return undefined;
  };

  return {
    async find(contact, day, messageId) {
      const known = await threadOf(contact, day);
      if (known !== undefined) return { threadTs: known, opens: false };
      if (await claims(contact, day)) return { opens: true };
      const awaited = await waitForThread(contact, day, messageId);
      return awaited === undefined ? { opens: false } : { threadTs: awaited, opens: false };
    },
    async opened(contact, day, ts, messageId) {
      await threads.set(contact, day, ts).catch((error: unknown) => {
        logger.warn("could not remember the relay thread", { messageId }, error);
      });
    },
    async abandon(contact, day) {
      await threads.releaseOpening(contact, day).catch((error: unknown) => {
        logger.warn("could not release the opening of a relay thread", error);
      });
    },
  };
}
