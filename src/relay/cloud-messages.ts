import { z } from "zod";
import { toSender } from "./contact-ids.js";
import { describeContent } from "./inbound-content.js";
import type { IdentityUpdate, InboundMessage } from "./types.js";
import {
  type CloudMessage,
  cloudMessageSchema,
  lenient,
  optionalBsuid,
  optionalWaId,
} from "./webhook-message.js";
import { firstIssue } from "./webhook-schemas.js";

/**
 * The `value` of a cloud "messages" change (docs/CONTRACT.md §1.2): the messages to relay, and every id pairing
 * it shows, from `contacts[]`, the messages' senders and `statuses[]`. Each element is read on its own, so a
 * malformed one is noted and skipped while the rest of the delivery goes through.
 */

const valueSchema = z.object({
  contacts: lenient(z.array(z.unknown())),
  messages: lenient(z.array(z.unknown())),
  statuses: lenient(z.array(z.unknown())),
});

const contactSchema = z.object({
  wa_id: optionalWaId,
  user_id: optionalBsuid,
  profile: lenient(z.object({ name: lenient(z.string()), username: lenient(z.string()) })),
});
type CloudContact = z.infer<typeof contactSchema>;

const statusSchema = z.object({
  recipient_id: optionalWaId,
  recipient_user_id: optionalBsuid,
  // A status of a group message names the group, not a user.
  recipient_type: lenient(z.string()),
});

export interface MessagesChange {
  messages: InboundMessage[];
  identities: IdentityUpdate[];
  statuses: number;
  ignored: string[];
}

function readEach<T>(
  items: unknown[] | undefined,
  schema: z.ZodType<T>,
  where: string,
  ignored: string[],
): T[] {
  return (items ?? []).flatMap((item, index) => {
    const parsed = schema.safeParse(item);
    if (parsed.success) return [parsed.data];
    ignored.push(`${where} ${index}: ${firstIssue(parsed.error)}`);
    return [];
  });
}

/** The contact a message is from: matched by either id, or the only one there (Meta sends one per sender). */
function contactOf(message: CloudMessage, contacts: CloudContact[]): CloudContact | undefined {
  const matched = contacts.find(
    (contact) =>
      (contact.wa_id !== undefined && contact.wa_id === message.from) ||
      (contact.user_id !== undefined && contact.user_id === message.from_user_id),
  );
  return matched ?? (contacts.length === 1 ? contacts[0] : undefined);
}

function toInbound(message: CloudMessage, contact: CloudContact | undefined): InboundMessage | undefined {
  const sender = toSender(message.from ?? contact?.wa_id, message.from_user_id ?? contact?.user_id);
  if (sender === undefined) return undefined;
  const { name, username } = contact?.profile ?? {};
  return {
    ...sender,
    messageId: message.id,
    timestamp: message.timestamp,
    type: message.type,
    ...describeContent(message),
    ...(name ? { profileName: name } : {}),
    ...(username ? { username } : {}),
  };
}

/** A number or BSUID change announced as a system message (docs/CONTRACT.md §1.2). */
function systemChange(message: CloudMessage): IdentityUpdate | undefined {
  const { system } = message;
  if (system?.type === "user_changed_user_id" && system.user_id !== undefined) {
    const waId = message.from ?? system.wa_id;
    const previous = message.from_user_id;
    return {
      ...(waId ? { waId } : {}),
      bsuid: system.user_id,
      ...(previous ? { previousBsuid: previous } : {}),
    };
  }
  if (system?.type === "user_changed_number" && system.wa_id !== undefined) {
    const bsuid = system.user_id ?? message.from_user_id;
    return { waId: system.wa_id, ...(bsuid ? { bsuid } : {}) };
  }
  return undefined;
}

const identity = (waId?: string, bsuid?: string, username?: string): IdentityUpdate => ({
  ...(waId ? { waId } : {}),
  ...(bsuid ? { bsuid } : {}),
  ...(username ? { username } : {}),
});

export function readMessagesChange(value: unknown, where: string): MessagesChange {
  const change: MessagesChange = { messages: [], identities: [], statuses: 0, ignored: [] };
  const parsed = valueSchema.safeParse(value);
  if (!parsed.success) {
    change.ignored.push(`${where}: ${firstIssue(parsed.error)}`);
    return change;
  }
  const { ignored, identities } = change;
  const contacts = readEach(parsed.data.contacts, contactSchema, `${where} contact`, ignored);
  for (const contact of contacts) {
    identities.push(identity(contact.wa_id, contact.user_id, contact.profile?.username));
  }
  for (const message of readEach(parsed.data.messages, cloudMessageSchema, `${where} message`, ignored)) {
    const inbound = toInbound(message, contactOf(message, contacts));
    if (inbound === undefined) ignored.push(`${where} message ${message.id}: no sender id`);
    else change.messages.push(inbound);
    identities.push(identity(message.from, message.from_user_id));
    const changed = systemChange(message);
    if (changed !== undefined) identities.push(changed);
  }
  const statuses = readEach(parsed.data.statuses, statusSchema, `${where} status`, ignored);
  change.statuses = statuses.length;
  for (const status of statuses) {
    if (status.recipient_type !== "group")
      identities.push(identity(status.recipient_id, status.recipient_user_id));
  }
  return change;
}
