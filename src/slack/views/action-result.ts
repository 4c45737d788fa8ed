import { escapeMrkdwn, mentionOf } from "../../common/mrkdwn.js";
import { shownNumber } from "../../common/shown-number.js";
import type { ActionResult } from "../../moderation/types.js";
import { context, type SlackMessage, section } from "./blocks.js";

/** What a block, unblock or report did, in one sentence, with who, why and the audit id underneath. */

function headline(result: ActionResult, shown: string): string {
  const record = result.record;
  switch (result.action) {
    case "block":
      return `:no_entry: Blocked *${shown}*: it can no longer message the business.`;
    case "unblock":
      return `:white_check_mark: Unblocked *${shown}*: it can message the business again.`;
    case "report": {
      const alsoBlocked = record.alsoBlock ? " and blocked it" : "";
      if (result.recordedOnly) {
        const message =
          record.messageId === undefined ? "" : ` (message id \`${escapeMrkdwn(record.messageId)}\`)`;
        return (
          `:triangular_flag_on_post: Recorded the report of *${shown}*${message}${alsoBlocked}. ` +
          "WhatsApp offers businesses no report API, so it was not sent to WhatsApp."
        );
      }
      const what =
        record.messageId === undefined
          ? "with its last 5 messages"
          : `with message id \`${escapeMrkdwn(record.messageId)}\``;
      return `:triangular_flag_on_post: Reported *${shown}* to WhatsApp ${what}${alsoBlocked}.`;
    }
  }
}

export function renderActionResult(result: ActionResult): SlackMessage {
  const shown = shownNumber(result.contact);
  const record = result.record;
  const details = [`by ${mentionOf(record.actor)}`];
  if (record.reason !== undefined) details.push(`reason: ${escapeMrkdwn(record.reason)}`);
  details.push(`audit id \`${escapeMrkdwn(record.id)}\``);
  if (record.detail !== undefined) details.push(escapeMrkdwn(record.detail));
  const blocks = [section(headline(result, shown)), context(details.join(" · "))];
  for (const warning of result.warnings) blocks.push(context(`:warning: ${escapeMrkdwn(warning.message)}`));
  return { text: headline(result, shown).replace(/:[a-z_]+: /, ""), blocks };
}
