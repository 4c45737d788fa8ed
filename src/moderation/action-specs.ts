import type { WhatsAppBackend } from "../whatsapp/backend.js";
import type { ActionSpec } from "./actions.js";
import type { ReportRequest } from "./types.js";

// What each moderation action records and sends to WhatsApp; runAction does the rest alike for all three.

export function blockSpec(backend: WhatsAppBackend, input: string, reason: string | undefined): ActionSpec {
  return {
    action: "block",
    input,
    reason,
    changesBlocklist: true,
    call: (e164, trimmedReason) => backend.block({ e164 }, trimmedReason),
  };
}

export function unblockSpec(backend: WhatsAppBackend, input: string): ActionSpec {
  return {
    action: "unblock",
    input,
    changesBlocklist: true,
    call: (e164) => backend.unblock({ e164 }),
  };
}

export function reportSpec(backend: WhatsAppBackend, input: string, request: ReportRequest): ActionSpec {
  return {
    action: "report",
    input,
    reason: request.reason,
    messageId: request.messageId,
    alsoBlock: request.block ?? false,
    changesBlocklist: request.block === true,
    call: (e164, trimmedReason) =>
      backend.report(e164, {
        ...(trimmedReason ? { reason: trimmedReason } : {}),
        ...(request.block ? { block: true } : {}),
        ...(request.messageId ? { messageId: request.messageId } : {}),
      }),
  };
}
