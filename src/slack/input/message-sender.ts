import { z } from "zod";
import { INBOUND_EVENT_TYPE, parseSenderReference } from "../../relay/message-reference.js";

/**
 * Who sent a relayed WhatsApp message, read from the Slack message "Report sender" was used on: first its
 * metadata (`event_type: "whatsapp_inbound_message"`, `event_payload: {wa_id?, user_id?, message_id, timestamp}`), which
 * Slack may drop (a copied or forwarded post), then the visible reference the relay writes in a context block
 * ("wa_id: 16315551000 · message id: ABGG…", see relay/message-reference.ts), in the blocks or the text.
 */

/** The sender's wa_id, or the BSUID (`user_id`) of a Cloud contact known only by it; at least one of the two. */
export interface MessageSender {
  waId?: string;
  bsuid?: string;
  /** Absent when only the sender is known: WhatsApp then receives the contact's last 5 messages. */
  messageId?: string;
  source: "metadata" | "text";
}

const metadataSchema = z.object({
  event_type: z.literal(INBOUND_EVENT_TYPE),
  event_payload: z.looseObject({
    wa_id: z
      .union([z.string(), z.number()])
      .transform(String)
      .pipe(z.string().regex(/^\d{6,20}$/))
      .optional(),
    user_id: z
      .string()
      .regex(/^[A-Z]{2}\.[A-Za-z0-9]{1,128}$/)
      .optional(),
    message_id: z.string().min(1).max(200).optional(),
  }),
});

/** Every string under a `text` key, depth first: section, context, rich text and header blocks alike. */
function textsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) textsIn(item, out);
  } else if (typeof value === "object" && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (key === "text" && typeof inner === "string") out.push(inner);
      else textsIn(inner, out);
    }
  }
  return out;
}

export function findMessageSender(message: unknown): MessageSender | undefined {
  if (typeof message !== "object" || message === null) return undefined;
  const { metadata, blocks, text } = message as Record<string, unknown>;
  const fromMetadata = metadataSchema.safeParse(metadata);
  if (fromMetadata.success) {
    const payload = fromMetadata.data.event_payload;
    if (payload.wa_id === undefined && payload.user_id === undefined) return undefined;
    return {
      ...(payload.wa_id === undefined ? {} : { waId: payload.wa_id }),
      ...(payload.user_id === undefined ? {} : { bsuid: payload.user_id }),
      ...(payload.message_id === undefined ? {} : { messageId: payload.message_id }),
      source: "metadata",
    };
  }
  for (const candidate of [...textsIn(blocks), ...(typeof text === "string" ? [text] : [])]) {
    const reference = parseSenderReference(candidate);
    if (reference !== undefined) {
      return {
        ...(reference.waId === undefined ? {} : { waId: reference.waId }),
        ...(reference.bsuid === undefined ? {} : { bsuid: reference.bsuid }),
        messageId: reference.messageId,
        source: "text",
      };
    }
  }
  return undefined;
}
