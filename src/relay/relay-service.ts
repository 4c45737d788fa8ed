import { performance } from "node:perf_hooks";
import type { AppLogger } from "../logger.js";
import type { ModerationCore } from "../moderation/types.js";
import { createConcurrencyLimit } from "./concurrency-limit.js";
import { createKeyedQueue } from "./keyed-queue.js";
import { INBOUND_EVENT_TYPE } from "./message-reference.js";
import { renderRelayedMessage } from "./render-relayed-message.js";
import type { InboundMessage, Relay, RelayPoster, ThreadIndex } from "./types.js";

export interface RelayDeps {
  /** RELAY_CHANNEL. */
  channel: string;
  moderation: Pick<ModerationCore, "recordInbound" | "releaseInbound">;
  post: RelayPoster;
  threads: ThreadIndex;
  logger: AppLogger;
  now?: () => number;
  /** How many messages are relayed at the same time; default RELAY_CONCURRENCY. */
  concurrency?: number;
  /** How long a message waits for another replica to open its thread; default THREAD_WAIT_MS. */
  threadWaitMs?: number;
}

/**
 * Messages relayed at the same time. The webhook must answer a burst fast, and relay work (store round trips, a
 * Slack post) shares its event loop: a few at a time keeps the answers quick, and Slack accepts about one post per
 * second in a channel anyway. Measured by bench/webhook-burst.ts.
 */
export const RELAY_CONCURRENCY = 4;

/**
 * A message whose thread another replica is opening waits this long for it (a Slack post, retries included,
 * and the store write), then posts at top level and opens the thread itself rather than be held up.
 */
export const THREAD_WAIT_MS = 10_000;
const THREAD_POLL_MS = [50, 100, 200, 400, 800];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Posts each new inbound message to RELAY_CHANNEL, one thread per contact and UTC day. Logs carry message ids,
 * never the text a contact wrote.
 */
export function createRelay(deps: RelayDeps): Relay {
  const { channel, moderation, post, threads, logger } = deps;
  const now = deps.now ?? Date.now;

  /** "recorded" when this replica claimed the message id; "unrecorded" when the store failed to say. */
  const recordArrival = async (
    message: InboundMessage,
    at: string,
  ): Promise<"recorded" | "duplicate" | "unrecorded"> => {
    try {
      const first = await moderation.recordInbound({ waId: message.waId, messageId: message.messageId, at });
      return first ? "recorded" : "duplicate";
    } catch (error) {
      // The webhook is already answered, so WhatsApp will not resend: relaying is better than losing it.
      logger.warn(
        "could not record an inbound message; relaying it anyway",
        { messageId: message.messageId },
        error,
      );
      return "unrecorded";
    }
  };

  /** A message whose post failed is given back, so that a redelivery (here or on another replica) relays it. */
  const giveBackArrival = async (messageId: string): Promise<void> => {
    await moderation.releaseInbound(messageId).catch((error: unknown) => {
      logger.warn(
        "could not release an inbound message id; a redelivery of it will be skipped",
        { messageId },
        error,
      );
    });
  };

  const threadOf = async (waId: string, day: string): Promise<string | undefined> => {
    try {
      return await threads.get(waId, day);
    } catch (error) {
      logger.warn("could not look up the relay thread; posting at top level", error);
      return undefined;
    }
  };

  const opensThread = async (waId: string, day: string): Promise<boolean> => {
    try {
      return await threads.claimOpening(waId, day);
    } catch (error) {
      logger.warn("could not claim the opening of a relay thread; opening it", error);
      return true;
    }
  };

  const waitForThread = async (waId: string, day: string, messageId: string): Promise<string | undefined> => {
    // Elapsed time, not `now`: that clock dates messages, and tests hold it still.
    const deadline = performance.now() + (deps.threadWaitMs ?? THREAD_WAIT_MS);
    for (let attempt = 0; performance.now() < deadline; attempt++) {
      const pause = THREAD_POLL_MS[Math.min(attempt, THREAD_POLL_MS.length - 1)] ?? 0;
      await sleep(Math.min(pause, deadline - performance.now()));
      const ts = await threadOf(waId, day);
      if (ts !== undefined) return ts;
    }
    logger.warn("another replica did not open the relay thread in time; posting at top level", { messageId });
    return undefined;
  };

  /** A claim is given up when its post failed, so the contact's next message opens the thread without waiting. */
  const giveUpOpening = async (waId: string, day: string): Promise<void> => {
    await threads.releaseOpening(waId, day).catch((error: unknown) => {
      logger.warn("could not release the opening of a relay thread", error);
    });
  };

  /** The day's thread to reply in; none when this message opens it (`claimed`) or waited for it in vain. */
  const threadFor = async (
    message: InboundMessage,
    day: string,
  ): Promise<{ threadTs?: string; claimed: boolean }> => {
    const known = await threadOf(message.waId, day);
    if (known !== undefined) return { threadTs: known, claimed: false };
    if (await opensThread(message.waId, day)) return { claimed: true };
    const awaited = await waitForThread(message.waId, day, message.messageId);
    return awaited === undefined ? { claimed: false } : { threadTs: awaited, claimed: false };
  };

  const relayOne = async (message: InboundMessage): Promise<void> => {
    // A sender's clock ahead of ours must not open tomorrow's thread or stretch the 24-hour window.
    const sentAt = Math.min(message.timestamp * 1000, now());
    const arrival = await recordArrival(message, new Date(sentAt).toISOString());
    if (arrival === "duplicate") {
      logger.debug("duplicate inbound message skipped", { messageId: message.messageId });
      return;
    }
    const day = utcDay(sentAt);
    const { threadTs, claimed } = await threadFor(message, day);
    let ts: string;
    try {
      ({ ts } = await post({
        channel,
        ...renderRelayedMessage(message),
        metadata: {
          event_type: INBOUND_EVENT_TYPE,
          event_payload: { wa_id: message.waId, message_id: message.messageId, timestamp: message.timestamp },
        },
        ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
      }));
    } catch (error) {
      if (claimed) await giveUpOpening(message.waId, day);
      if (arrival === "recorded") await giveBackArrival(message.messageId);
      throw error;
    }
    if (threadTs !== undefined) return;
    await threads.set(message.waId, day, ts).catch((error: unknown) => {
      logger.warn("could not remember the relay thread", { messageId: message.messageId }, error);
    });
  };

  // A contact's messages in turn, across deliveries too: WhatsApp delivers a burst concurrently, and the day's
  // first post must exist and be remembered before the next message looks for its thread. Across replicas the
  // opening claim does that: one posts the day's first message, the others wait for its thread.
  const inTurn = createKeyedQueue();
  const limit = createConcurrencyLimit(deps.concurrency ?? RELAY_CONCURRENCY);

  return async (messages) => {
    // One after another: a thread's first post must exist before its replies, and order is what people read.
    for (const message of messages) {
      try {
        // A slot is taken only once the contact's turn has come, so a waiting contact never holds one.
        await inTurn(message.waId, () => limit(() => relayOne(message)));
      } catch (error) {
        logger.error("relay of an inbound message failed", { messageId: message.messageId }, error);
      }
    }
  };
}
