import { z } from "zod";
import { InvalidPhoneNumberError, waIdToE164 } from "../../phone/index.js";
import type { FlowDeps } from "../flows/deps.js";
import { findMessageSender } from "../input/message-sender.js";
import { replyTargetOf } from "../input/slack-user.js";
import { reply, type SlackClient } from "../reply/reply.js";
import { failureText } from "../text/failure-text.js";
import { renderErrorMessage } from "../views/error-message.js";
import { renderReportModal } from "../views/report-modal.js";

/** The message_action payload fields used here; Slack sends more. */
const messageShortcutSchema = z.looseObject({
  trigger_id: z.string().min(1),
  user: z.looseObject({ id: z.string().min(1) }),
  channel: z.looseObject({ id: z.string().min(1) }).optional(),
  response_url: z.url().optional(),
  message: z.unknown(),
});

export interface ShortcutArgs {
  shortcut: unknown;
  ack: () => Promise<void>;
  client: SlackClient;
}

/**
 * The relayed message's sender, as the number to report (or the BSUID of a contact known only by it) and the
 * message id; undefined when the message names no sender that can be reported, so the modal asks for the number.
 */
function senderToReport(message: unknown): { sender: string; messageId?: string } | undefined {
  const found = findMessageSender(message);
  if (found === undefined) return undefined;
  const sender = (found.waId === undefined ? undefined : phoneOf(found.waId)) ?? found.bsuid;
  if (sender === undefined) return undefined;
  return { sender, ...(found.messageId === undefined ? {} : { messageId: found.messageId }) };
}

/** The number of a wa_id; undefined when the wa_id is not a phone number. */
function phoneOf(waId: string): string | undefined {
  try {
    return waIdToE164(waId);
  } catch (error) {
    if (error instanceof InvalidPhoneNumberError) return undefined;
    throw error;
  }
}

/**
 * "Report sender" on a message: opens the report modal for the WhatsApp sender of a relayed message (from its
 * metadata, else its visible reference), or asks for the number when the message has none. The trigger expires
 * 3 seconds after the click, so the modal opens right after the ack, before anything else.
 */
export async function reportSenderShortcut(args: ShortcutArgs, deps: FlowDeps): Promise<void> {
  const shortcut = messageShortcutSchema.parse(args.shortcut);
  await args.ack();
  const channelId = shortcut.channel?.id;
  const view = renderReportModal({
    ...senderToReport(shortcut.message),
    ...(channelId === undefined ? {} : { channelId }),
  });
  try {
    await args.client.views.open({ trigger_id: shortcut.trigger_id, view });
  } catch (error) {
    await reply(
      args.client,
      replyTargetOf({ userId: shortcut.user.id, responseUrl: shortcut.response_url, channelId }),
      renderErrorMessage(failureText(error, deps)),
      { logger: deps.logger },
    );
  }
}
