import { DAY_MS } from "../common/time.js";
import type { InboundRecord } from "../moderation/types.js";
import type { AppStore } from "../store/types.js";

/**
 * What the relay saw: which message ids were already relayed (dedupe across replicas and restarts), and each
 * contact's last inbound message (the 24-hour window hints).
 */
export interface InboundLog {
  /** False when this message id was already recorded. */
  record(inbound: InboundRecord): Promise<boolean>;
  last(contact: string): Promise<InboundRecord | undefined>;
}

// WhatsApp retries undelivered webhooks for days; a week of dedupe keys covers that.
const DEDUPE_TTL_MS = 7 * DAY_MS;
const LAST_INBOUND_TTL_MS = 30 * DAY_MS;

export function createInboundLog(store: AppStore): InboundLog {
  const lastInbound = store.namespace<InboundRecord>("relay");
  const lastKey = (contact: string) => `last:${contact}`;
  const seenKey = (messageId: string) => `seen:${messageId}`;

  return {
    async record(inbound) {
      const first = await store.atomic.claim("relay", seenKey(inbound.messageId), DEDUPE_TTL_MS);
      if (!first) return false;
      const previous = await lastInbound.get(lastKey(inbound.contact));
      // Deliveries can arrive out of order; the window is measured from the newest message.
      if (!previous || previous.at < inbound.at) {
        await lastInbound.set(lastKey(inbound.contact), inbound, LAST_INBOUND_TTL_MS);
      }
      return true;
    },
    last(contact) {
      return lastInbound.get(lastKey(contact));
    },
  };
}
