import { z } from "zod";
import { WebhookPayloadError } from "./errors.js";
import { describeContent } from "./inbound-content.js";
import type { InboundMessage } from "./types.js";
import { lenient, messageSchema } from "./webhook-message.js";

/**
 * The on-prem inbound webhook (docs/CONTRACT.md §1.1; the cloud shape is read by cloud-notification.ts). The
 * fields the relay cannot do without are strict; the decorations of a message (captions, file names, locations)
 * are lenient, so an odd one costs a detail of the Slack post rather than the whole delivery.
 */
const notificationSchema = z
  .object({
    contacts: lenient(
      z.array(z.object({ wa_id: z.string().optional(), profile: z.object({ name: z.string() }).optional() })),
    ),
    messages: z.array(messageSchema).optional(),
    // Delivery and read receipts: acknowledged, never relayed.
    statuses: z.array(z.unknown()).optional(),
    errors: z.array(z.unknown()).optional(),
  })
  .refine(
    (body) => [body.contacts, body.messages, body.statuses, body.errors].some((part) => part !== undefined),
    "expected contacts, messages, statuses or errors",
  );

type Notification = z.infer<typeof notificationSchema>;

function toInboundMessages(notification: Notification): InboundMessage[] {
  const contacts = notification.contacts ?? [];
  // Matched by wa_id; a lone contact names the sender even when its id is written differently.
  const profileName = (from: string): string | undefined => {
    const named =
      contacts.find((contact) => contact.wa_id === from) ?? (contacts.length === 1 ? contacts[0] : undefined);
    return named?.profile?.name;
  };
  return (notification.messages ?? []).map((message) => {
    const name = profileName(message.from);
    return {
      waId: message.from,
      messageId: message.id,
      timestamp: message.timestamp,
      type: message.type,
      ...describeContent(message),
      ...(name ? { profileName: name } : {}),
    };
  });
}

/** The first problem zod found, as "path: message" (never the values, which may be what a contact wrote). */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid notification";
  const path = issue.path.length > 0 ? issue.path.join(".") : "body";
  return `${path}: ${issue.message}`;
}

/** Normalises an on-prem webhook body to the messages it carries (none for status-only deliveries). */
export function parseOnPremNotification(body: unknown): InboundMessage[] {
  const parsed = notificationSchema.safeParse(body);
  if (!parsed.success) {
    throw new WebhookPayloadError(`not an on-prem notification: ${firstIssue(parsed.error)}`);
  }
  return toInboundMessages(parsed.data);
}
