import { messageContent } from "../inbound-payload.js";
import type { SandboxMessage, SandboxUser } from "../types.js";

/** Where a webhook says it comes from: the business account and its number. */
export interface WebhookAccount {
  wabaId: string;
  phoneNumberId: string;
  /** The business number's digits, without "+". */
  displayPhoneNumber: string;
}

/**
 * Meta's Cloud webhook for one inbound message (docs/CONTRACT.md, Cloud API facts: inbound webhook). A user the
 * business knows no number for (username-only) comes with no `from` and no `wa_id`, only the BSUID.
 */
export function cloudWebhookBody(
  message: SandboxMessage,
  user: SandboxUser,
  profileName: string,
  account: WebhookAccount,
): Record<string, unknown> {
  const userId = user.userId ?? "";
  const profile = { name: profileName, ...(user.username === undefined ? {} : { username: user.username }) };
  const contact = { profile, ...(user.waId === undefined ? {} : { wa_id: user.waId }), user_id: userId };
  const sent = {
    ...(user.waId === undefined ? {} : { from: user.waId }),
    from_user_id: userId,
    id: message.id,
    timestamp: String(Math.floor(message.at / 1000)),
    type: message.type,
    ...messageContent(message),
  };
  const value = {
    messaging_product: "whatsapp",
    metadata: { display_phone_number: account.displayPhoneNumber, phone_number_id: account.phoneNumberId },
    contacts: [contact],
    messages: [sent],
  };
  return {
    object: "whatsapp_business_account",
    entry: [{ id: account.wabaId, changes: [{ value, field: "messages" }] }],
  };
}
