import { senderIds } from "./contact-ids.js";
import type { InboundSender } from "./types.js";

/**
 * How a relayed WhatsApp message names its sender and id in visible text (a context block), so that
 * "Report sender" can still find them when Slack drops the message metadata (e.g. a copied or forwarded post).
 * The relay writes it; the shortcut reads it. Format, with whichever sender ids are known (docs/CONTRACT.md §5):
 * "wa_id: 16315551000 · user_id: US.13491208655302741918 · message id: ABGGFlA5Fpa…".
 */

export const INBOUND_EVENT_TYPE = "whatsapp_inbound_message";

export type MessageReference = InboundSender & { messageId: string };

export function formatMessageReference(reference: MessageReference): string {
  const { wa_id: waId, user_id: userId } = senderIds(reference);
  const ids = [
    ...(waId === undefined ? [] : [`wa_id: ${waId}`]),
    ...(userId === undefined ? [] : [`user_id: ${userId}`]),
  ];
  return [...ids, `message id: ${reference.messageId}`].join(" · ");
}

const REFERENCE_PATTERN =
  /(?:wa_id:\s*`?(\d{6,20})`?\s*·\s*)?(?:user_id:\s*`?([A-Za-z0-9][A-Za-z0-9._-]{0,199})`?\s*·\s*)?message id:\s*`?([A-Za-z0-9._=:+/-]{8,200})`?/g;

/** Finds the first reference naming a sender anywhere in a text (context block, message text). */
export function parseSenderReference(text: string): MessageReference | undefined {
  for (const [, waId, bsuid, messageId] of text.matchAll(REFERENCE_PATTERN)) {
    if (messageId === undefined) continue;
    if (waId !== undefined) return { waId, ...(bsuid === undefined ? {} : { bsuid }), messageId };
    if (bsuid !== undefined) return { bsuid, messageId };
  }
  return undefined;
}
