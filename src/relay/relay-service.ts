import { utcDay } from "../common/time.js";
import type { AppLogger } from "../log/logger.js";
import { createConcurrencyLimit } from "./concurrency-limit.js";
import { contactKey, senderIds } from "./contact-ids.js";
import type { InboundLog } from "./inbound-log.js";
import { createKeyedQueue } from "./keyed-queue.js";
import { INBOUND_EVENT_TYPE } from "./message-reference.js";
import { renderRelayedMessage } from "./render-relayed-message.js";
import { createThreadPlacement } from "./thread-placement.js";
import type { InboundMessage, Relay, RelayPoster, ThreadIndex } from "./types.js";

export interface RelayDeps {
  /** RELAY_CHANNEL. */
  channel: string;
  inbound: Pick<InboundLog, "record" | "release">;
  post: RelayPoster;
  threads: ThreadIndex;
  logger: AppLogger;
  now?: () => number;
  /** How many messages are relayed at the same time; default RELAY_CONCURRENCY. */
  concurrency?: number;
  /** How long a message waits for another replica to open its thread; default THREAD_WAIT_MS (thread-placement.ts). */
  threadWaitMs?: number;
}

/**
 * Messages relayed at the same time. The webhook must answer a burst fast, and relay work (store round trips, a
 * Slack post) shares its event loop: a few at a time keeps the answers quick, and Slack accepts about one post per
 * second in a channel anyway. Measured by bench/webhook-burst.ts.
 */
export const RELAY_CONCURRENCY = 4;

/**
 * Posts each new inbound message to RELAY_CHANNEL, one thread per contact and UTC day. Logs carry message ids,
 * never the text a contact wrote.
 */
export function createRelay(deps: RelayDeps): Relay {
  const { inbound, logger } = deps;
  const now = deps.now ?? Date.now;

  /** "recorded" when this replica claimed the message id; "unrecorded" when the store failed to say. */
  const recordArrival = async (
    message: InboundMessage,
    at: string,
  ): Promise<"recorded" | "duplicate" | "unrecorded"> => {
    try {
      const first = await inbound.record({ contact: contactKey(message), messageId: message.messageId, at });
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
    await inbound.release(messageId).catch((error: unknown) => {
      logger.warn(
        "could not release an inbound message id; a redelivery of it will be skipped",
        { messageId },
        error,
      );
    });
  };

  const deliver = createRelayDelivery(deps);

  const relayOne = async (message: InboundMessage): Promise<void> => {
    // A sender's clock ahead of ours must not open tomorrow's thread or stretch the 24-hour window.
    const sentAt = Math.min(message.timestamp * 1000, now());
    const arrival = await recordArrival(message, new Date(sentAt).toISOString());
    if (arrival === "duplicate") {
      logger.debug("duplicate inbound message skipped", { messageId: message.messageId });
      return;
    }
    try {
      await deliver(message);
    } catch (error) {
      if (arrival === "recorded") await giveBackArrival(message.messageId);
      throw error;
    }
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
        await inTurn(contactKey(message), () => limit(() => relayOne(message)));
      } catch (error) {
        logger.error("relay of an inbound message failed", { messageId: message.messageId }, error);
      }
    }
  };
}

/** What posting one message needs: RelayDeps without the inbound log (the queue dedupes, relay-queue.ts). */
export type RelayDeliveryDeps = Omit<RelayDeps, "inbound" | "concurrency">;

/**
 * Posts one message to RELAY_CHANNEL in its contact's thread of the day, without any dedupe: the caller decides
 * that it is new (createRelay above, or the durable queue's drainer). Rejects with the Slack error when the post
 * fails, after letting the contact's next message open the thread.
 */
export function createRelayDelivery(deps: RelayDeliveryDeps): (message: InboundMessage) => Promise<void> {
  const { channel, post, logger } = deps;
  const now = deps.now ?? Date.now;
  const placement = createThreadPlacement(deps.threads, logger, deps.threadWaitMs);
  return async (message) => {
    // A sender's clock ahead of ours must not open tomorrow's thread.
    const sentAt = Math.min(message.timestamp * 1000, now());
    const day = utcDay(sentAt);
    const contact = contactKey(message);
    const { threadTs, opens } = await placement.find(contact, day, message.messageId);
    let ts: string;
    try {
      ({ ts } = await post({
        channel,
        ...renderRelayedMessage(message),
        metadata: {
          event_type: INBOUND_EVENT_TYPE,
          // docs/CONTRACT.md §5: wa_id and/or user_id, whichever WhatsApp gave.
          event_payload: {
            ...senderIds(message),
            message_id: message.messageId,
            timestamp: message.timestamp,
          },
        },
        ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
      }));
    } catch (error) {
      if (opens) await placement.abandon(contact, day);
      throw error;
    }
    if (threadTs === undefined) await placement.opened(contact, day, ts, message.messageId);
  };
}
