import { z } from "zod";
import { WebhookPayloadError } from "./errors.js";
import { describeContent } from "./inbound-content.js";
import type { InboundMessage } from "./types.js";
import { lenient, messageSchema } from "./webhook-message.js";

/**
 * The two inbound webhook shapes (SPEC §1.1 on-prem, §1.2 cloud). The fields the relay cannot do without are
 * strict; the decorations of a message (captions, file names, locations) are lenient, so an odd one costs a
 * detail of the Slack post rather than the whole delivery.
 */

/** The part both shapes share: the on-prem body itself, the cloud `value` of a "messages" change. */
const notificationSchema = z.object({
  contacts: lenient(
    z.array(z.object({ wa_id: z.string().optional(), profile: z.object({ name: z.string() }).optional() })),
  ),
  messages: z.array(messageSchema).optional(),
  // Delivery and read receipts: acknowledged, never relayed.
  statuses: z.array(z.unknown()).optional(),
  errors: z.array(z.unknown()).optional(),
});

type Notification = z.infer<typeof notificationSchema>;

function toInboundMessages(notification: Notification): InboundMessage[] {
  const contacts = notification.contacts ?? [];
  // Matched by wa_id; a lone contact names the sender even when its id is written differently (e.g. a BSUID).
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

const onpremSchema = notificationSchema
  .refine(
    (body) => [body.contacts, body.messages, body.statuses, body.errors].some((part) => part !== undefined),
    "expected contacts, messages, statuses or errors",
  )
  .transform(toInboundMessages);

const cloudSchema = z
  .object({
    object: z.literal("whatsapp_business_account"),
    entry: z.array(
      z.object({
        changes: z.array(
          z.union([
            z
              .object({ field: z.literal("messages"), value: notificationSchema })
              .transform((change) => toInboundMessages(change.value)),
            // Other subscribed fields (account updates, templates…) are not the relay's business.
            z
              .object({ field: z.string().refine((field) => field !== "messages"), value: z.unknown() })
              .transform((): InboundMessage[] => []),
          ]),
        ),
      }),
    ),
  })
  .transform((body) => body.entry.flatMap((entry) => entry.changes.flat()));

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid notification";
  const path = issue.path.length > 0 ? issue.path.join(".") : "body";
  return `${path}: ${issue.message}`;
}

/** Normalises an on-prem or cloud webhook body to the messages it carries (none for status-only deliveries). */
export function parseInboundNotification(body: unknown): InboundMessage[] {
  const isCloud = typeof body === "object" && body !== null && "object" in body;
  const parsed = (isCloud ? cloudSchema : onpremSchema).safeParse(body);
  if (!parsed.success) {
    throw new WebhookPayloadError(
      `not ${isCloud ? "a cloud" : "an on-prem"} notification: ${firstIssue(parsed.error)}`,
    );
  }
  return parsed.data;
}
