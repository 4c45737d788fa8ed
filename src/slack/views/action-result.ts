import type { ActionResult } from "../../moderation/types.js";
import { formatForPeople } from "../../phone/index.js";
import { escapeMrkdwn } from "../../shared/mrkdwn.js";
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
      const what =
        record.messageId === undefined
          ? "with its last 5 messages"
          : `with message id \`${escapeMrkdwn(record.messageId)}\``;
      return `:triangular_flag_on_post: Reported *${shown}* to WhatsApp ${what}${alsoBlocked}.`;
    }
  }
}

export function renderActionResult(result: ActionResult): SlackMessage {
  const shown = escapeMrkdwn(formatForPeople(result.e164));
  const record = result.record;
  const details = [`by <@${record.actor}>`];
  if (record.reason !== undefined) details.push(`reason: ${escapeMrkdwn(record.reason)}`);
  details.push(`audit id \`${record.id}\``);
  const blocks = [section(headline(result, shown)), context(details.join(" · "))];
  for (const warning of result.warnings) blocks.push(context(`:warning: ${escapeMrkdwn(warning.message)}`));
  return { text: headline(result, formatForPeople(result.e164)).replace(/:[a-z_]+: /, ""), blocks };
}
