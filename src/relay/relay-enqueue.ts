import type { AppLogger } from "../log/logger.js";
import { contactKey } from "./contact-ids.js";
import type { InboundLog } from "./inbound-log.js";
import type { RelayQueue } from "./relay-queue.js";
import type { Relay } from "./types.js";

export interface EnqueueDeps {
  queue: RelayQueue;
  inbound: Pick<InboundLog, "record">;
  logger: AppLogger;
  /** Called once a delivery is queued, e.g. to wake this replica's drainer. */
  onQueued?(): void;
  now?: () => number;
}

/**
 * The webhook's side of the durable relay (docs/CONTRACT.md §5, "Relay queue"): resolves once every message of
 * the delivery is stored in the queue, in order, and rejects when one could not be (the webhook then answers 503
 * and WhatsApp delivers again). Each message is stored first and its id recorded after, so a failure between the
 * two can only queue a message twice, which the drainer skips, never lose it.
 */
export function createQueueingRelay(deps: EnqueueDeps): Relay {
  const { queue, inbound, logger } = deps;
  const now = deps.now ?? Date.now;
  return async (messages) => {
    for (const message of messages) {
      const position = await queue.push(message);
      // A sender's clock ahead of ours must not stretch the 24-hour window.
      const at = new Date(Math.min(message.timestamp * 1000, now())).toISOString();
      let first = true;
      try {
        first = await inbound.record({ contact: contactKey(message), messageId: message.messageId, at });
      } catch (error) {
        logger.warn(
          "could not record an inbound message id; queued anyway",
          { messageId: message.messageId },
          error,
        );
      }
      if (!first) {
        logger.debug("duplicate inbound message skipped: already queued", { messageId: message.messageId });
        await queue.drop(position).catch(() => undefined);
      }
    }
    if (messages.length > 0) deps.onQueued?.();
  };
}
