import type { InboundSender } from "./types.js";

/** A wa_id: the digits of the number (docs/CONTRACT.md §1.2). */
export const WA_ID_PATTERN = /^\d{6,20}$/;

/**
 * A BSUID as the relay takes it. The documented form is a two-letter country, a dot and up to 128 letters or
 * digits ("US.13491208655302741918", parents "US.ENT.…", docs/CONTRACT.md §1.2); Meta's 2025 draft wrote
 * "user.<hex>". Any id of these characters is kept, so a message is never lost to a change of form, and none of
 * them can break a store key (no ":") or Slack text.
 */
export const BSUID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/** The key a contact's records go by: the wa_id when known, else the BSUID (docs/CONTRACT.md §1.3). */
export function contactKey(sender: InboundSender): string {
  return sender.waId === undefined ? sender.bsuid : sender.waId;
}

/** The sender's ids under the names Slack metadata and the visible reference use (docs/CONTRACT.md §5). */
export function senderIds(sender: InboundSender): { wa_id?: string; user_id?: string } {
  return {
    ...(sender.waId === undefined ? {} : { wa_id: sender.waId }),
    ...(sender.bsuid === undefined ? {} : { user_id: sender.bsuid }),
  };
}

/** A sender from ids that may be absent; undefined when neither is there. */
export function toSender(waId: string | undefined, bsuid: string | undefined): InboundSender | undefined {
  if (waId !== undefined) return bsuid === undefined ? { waId } : { waId, bsuid };
  return bsuid === undefined ? undefined : { bsuid };
}
