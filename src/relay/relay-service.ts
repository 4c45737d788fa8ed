import { utcDay } from "../common/time.js";
import type { AppLogger } from "../log/logger.js";
import { contactKey, senderIds } from "./contact-ids.js";
import { INBOUND_EVENT_TYPE } from "./message-reference.js";
import { renderRelayedMessage } from "./render-relayed-message.js";
import { createThreadPlacement } from "./thread-placement.js";
import type { InboundMessage, RelayPoster, ThreadIndex } from "./types.js";

export interface RelayDeliveryDeps {
  /** RELAY_CHANNEL. */
  channel: string;
  post: RelayPoster;
  threads: ThreadIndex;
  logger: AppLogger;
  now?: () => number;
  /** How long a message waits for another replica to open its thread; default THREAD_WAIT_MS (thread-placement.ts). */
  threadWaitMs?: number;
}

/**
 * Posts one message to RELAY_CHANNEL in its contact's thread of the day, without any dedupe: the durable queue's
 * drainer (relay-drainer.ts) decides that it is new. Rejects with the Slack error when the post fails, after
 * letting the contact's next message open the thread. Logs carry message ids, never the text a contact wrote.
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
