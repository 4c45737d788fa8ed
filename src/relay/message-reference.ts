/**
 * How a relayed WhatsApp message names its sender and id in visible text (a context block), so that
 * "Report sender" can still find them when Slack drops the message metadata (e.g. a copied or forwarded post).
 * The relay writes it; the shortcut reads it. Format: "wa_id: 16315551000 · message id: ABGGFlA5Fpa…".
 */

export const INBOUND_EVENT_TYPE = "whatsapp_inbound_message";

export interface MessageReference {
  waId: string;
  messageId: string;
}

export function formatMessageReference(reference: MessageReference): string {
  return `wa_id: ${reference.waId} · message id: ${reference.messageId}`;
}

const REFERENCE_PATTERN = /wa_id:\s*`?(\d{6,20})`?\s*·\s*message id:\s*`?([A-Za-z0-9._=:+/-]{8,200})`?/;

/** Finds a reference anywhere in a text (context block, message text); undefined when there is none. */
export function parseMessageReference(text: string): MessageReference | undefined {
  const match = REFERENCE_PATTERN.exec(text);
  if (!match?.[1] || !match[2]) return undefined;
  return { waId: match[1], messageId: match[2] };
}
