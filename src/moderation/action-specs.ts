import type { ContactRef, WhatsAppBackend } from "../whatsapp/backend.js";
import type { ActionSpec } from "./actions.js";
import { UnsupportedRequestError } from "./errors.js";
import type { ReportRequest } from "./types.js";

// What each moderation action records and sends to WhatsApp; runAction does the rest alike for all three.

export function blockSpec(backend: WhatsAppBackend, input: string, reason: string | undefined): ActionSpec {
  return {
    action: "block",
    input,
    reason,
    changesBlocklist: true,
    call: (contact, trimmedReason) => backend.block(contact, trimmedReason),
  };
}

export function unblockSpec(backend: WhatsAppBackend, input: string): ActionSpec {
  return {
    action: "unblock",
    input,
    changesBlocklist: true,
    call: (contact) => backend.unblock(contact),
  };
}

export function reportSpec(backend: WhatsAppBackend, input: string, request: ReportRequest): ActionSpec {
  const fields = {
    action: "report" as const,
    input,
    reason: request.reason,
    messageId: request.messageId,
    alsoBlock: request.block ?? false,
    changesBlocklist: request.block === true,
  };
  // Cloud has no report API (docs/CONTRACT.md §1.3): the report is the audit record, and "also block" blocks.
  if (!backend.capabilities.upstreamReport) {
    return {
      ...fields,
      recordedOnly: true,
      call: (contact) => (request.block ? backend.block(contact) : Promise.resolve(undefined)),
    };
  }
  return {
    ...fields,
    call: async (contact, trimmedReason) => {
      await backend.report(phoneOf(contact), {
        ...(trimmedReason ? { reason: trimmedReason } : {}),
        ...(request.block ? { block: true } : {}),
        ...(request.messageId ? { messageId: request.messageId } : {}),
      });
      return undefined;
    },
  };
}

/** Report APIs take numbers; only the cloud (which has none) knows contacts by BSUID alone. */
function phoneOf(contact: ContactRef): string {
  if ("e164" in contact) return contact.e164;
  throw new UnsupportedRequestError(
    "a contact known only by its BSUID can be reported on the Cloud API only",
  );
}
