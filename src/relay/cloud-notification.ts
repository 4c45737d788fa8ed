import { z } from "zod";
import { readMessagesChange } from "./cloud-messages.js";
import type { IdentityUpdate, InboundMessage } from "./types.js";
import { lenient, optionalBsuid, optionalWaId } from "./webhook-message.js";
import { firstIssue } from "./webhook-schemas.js";

/**
 * One Cloud API webhook delivery (docs/CONTRACT.md §1.2), read as far as it can be: what to relay, which ids
 * belong together, and what was left aside. Nothing here throws: Meta resends a delivery that does not get a
 * 2xx for 7 days, so a part the bot cannot use is noted for the log and the rest goes through.
 */
export interface CloudDelivery {
  messages: InboundMessage[];
  /** Id pairings, deduplicated, each linking at least two facts (a lone id teaches the directory nothing). */
  identities: IdentityUpdate[];
  /** Status callbacks seen: acknowledged, never relayed. */
  statuses: number;
  /** What could not be used, by place ("entry 0 change 1: …"), never with a contact's text. */
  ignored: string[];
}

const envelopeSchema = z.object({
  object: z.literal("whatsapp_business_account"),
  entry: z.array(z.unknown()),
});
const entrySchema = z.object({ changes: z.array(z.unknown()) });
const changeSchema = z.object({ field: z.string(), value: z.unknown() });

const userIdUpdateSchema = z.object({
  wa_id: optionalWaId,
  user_id: z.object({ previous: optionalBsuid, current: optionalBsuid.pipe(z.string()) }),
});
// Sources put the `{wa_id?, user_id{previous, current}}` entries in `value` itself or in `value.user_id_update`.
const userIdUpdateValueSchema = z.object({ user_id_update: lenient(z.unknown()) });

function userIdUpdates(value: unknown): IdentityUpdate[] {
  const nested = userIdUpdateValueSchema.safeParse(value).data?.user_id_update;
  const candidates = [value, ...(Array.isArray(nested) ? nested : [nested])];
  return candidates.flatMap((candidate) => {
    const parsed = userIdUpdateSchema.safeParse(candidate);
    if (!parsed.success) return [];
    const { wa_id: waId, user_id: ids } = parsed.data;
    return [
      {
        ...(waId ? { waId } : {}),
        bsuid: ids.current,
        ...(ids.previous ? { previousBsuid: ids.previous } : {}),
      },
    ];
  });
}

function readChange(change: z.infer<typeof changeSchema>, where: string, delivery: CloudDelivery): void {
  if (change.field === "messages") {
    const read = readMessagesChange(change.value, where);
    delivery.messages.push(...read.messages);
    delivery.identities.push(...read.identities);
    delivery.statuses += read.statuses;
    delivery.ignored.push(...read.ignored);
    return;
  }
  if (change.field === "user_id_update") {
    const updates = userIdUpdates(change.value);
    if (updates.length === 0) delivery.ignored.push(`${where}: user_id_update without user_id.current`);
    delivery.identities.push(...updates);
    return;
  }
  // Other subscribed fields (account updates, templates…) are not the relay's business.
  delivery.ignored.push(`${where}: field ${JSON.stringify(change.field.slice(0, 64))} is not relayed`);
}

/** Keeps each pairing once, and only those that link two facts. */
function usefulIdentities(identities: IdentityUpdate[]): IdentityUpdate[] {
  const seen = new Map<string, IdentityUpdate>();
  for (const update of identities) {
    const facts = [update.waId, update.bsuid, update.username, update.previousBsuid];
    if (facts.filter(Boolean).length >= 2) seen.set(JSON.stringify(facts), update);
  }
  return [...seen.values()];
}

export function readCloudDelivery(body: unknown): CloudDelivery {
  const delivery: CloudDelivery = { messages: [], identities: [], statuses: 0, ignored: [] };
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) {
    delivery.ignored.push(`not a WhatsApp Business Account notification: ${firstIssue(envelope.error)}`);
    return delivery;
  }
  envelope.data.entry.forEach((rawEntry, e) => {
    const entry = entrySchema.safeParse(rawEntry);
    if (!entry.success) {
      delivery.ignored.push(`entry ${e}: ${firstIssue(entry.error)}`);
      return;
    }
    entry.data.changes.forEach((rawChange, c) => {
      const change = changeSchema.safeParse(rawChange);
      if (change.success) readChange(change.data, `entry ${e} change ${c}`, delivery);
      else delivery.ignored.push(`entry ${e} change ${c}: ${firstIssue(change.error)}`);
    });
  });
  delivery.identities = usefulIdentities(delivery.identities);
  return delivery;
}
