import { z } from "zod";
import { findMessageSender } from "../../message-sender.js";
import { reply, type SlackClient } from "../../respond.js";
import { renderErrorMessage } from "../../views/error-message.js";
import { renderReportModal } from "../../views/report-modal.js";
import type { ListenerDeps } from "../deps.js";
import { failureText } from "../failure.js";

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
 * "Report sender" on a message: opens the report modal for the WhatsApp sender of a relayed message (from its
 * metadata, else its visible reference), or asks for the number when the message has none. The trigger expires
 * 3 seconds after the click, so the modal opens right after the ack, before anything else.
 */
export async function reportSenderShortcut(args: ShortcutArgs, deps: ListenerDeps): Promise<void> {
  const shortcut = messageShortcutSchema.parse(args.shortcut);
  await args.ack();
  const sender = findMessageSender(shortcut.message);
  const channelId = shortcut.channel?.id;
  const view = renderReportModal({
    ...(sender === undefined ? {} : { e164: `+${sender.waId}` }),
    ...(sender?.messageId === undefined ? {} : { messageId: sender.messageId }),
    ...(channelId === undefined ? {} : { channelId }),
  });
  try {
    await args.client.views.open({ trigger_id: shortcut.trigger_id, view });
  } catch (error) {
    await reply(
      args.client,
      {
        userId: shortcut.user.id,
        ...(shortcut.response_url === undefined ? {} : { responseUrl: shortcut.response_url }),
        ...(channelId === undefined ? {} : { channelId }),
      },
      renderErrorMessage(failureText(error, deps)),
      { logger: deps.logger },
    );
  }
}
