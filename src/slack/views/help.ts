import { MAX_NUMBERS_PER_CHECK, REASON_LIMIT } from "../../moderation/errors.js";
import { WA_CHECK_COMMAND } from "../ids.js";
import { context, header, type SlackMessage, section } from "./blocks.js";

const FORMS: Array<[string, string]> = [
  [
    `${WA_CHECK_COMMAND} <numbers> [--force] [--wait]`,
    `Check up to ${MAX_NUMBERS_PER_CHECK} numbers, separated by commas, semicolons or new lines. ` +
      "`--force` skips the caches (costs budget), `--wait` asks WhatsApp to finish before answering.",
  ],
  [
    `${WA_CHECK_COMMAND} block <number> [reason]`,
    `Block a number. The reason is optional, under ${REASON_LIMIT} characters.`,
  ],
  [`${WA_CHECK_COMMAND} unblock <number>`, "Unblock a number."],
  [
    `${WA_CHECK_COMMAND} report <number> [message_id] [--block] [reason]`,
    "Report a number to WhatsApp, with the offending message's id (else WhatsApp gets the last 5 messages). " +
      "`--block` blocks it as well.",
  ],
  [`${WA_CHECK_COMMAND} blocklist [page]`, "Page through the blocked numbers; each row can be unblocked."],
  [`${WA_CHECK_COMMAND} history <number>`, "Who did what to a number, when and why; when it last wrote."],
];

/** Usage of /wa-check, shown for `help`, for no text, and after a usage mistake. */
export function renderHelp(): SlackMessage {
  return {
    text: `${WA_CHECK_COMMAND}: check, block, unblock and report WhatsApp contacts`,
    blocks: [
      header("wa-moderator: WhatsApp contacts, from Slack"),
      section(FORMS.map(([form, what]) => `\`${form}\`\n${what}`).join("\n\n")),
      context(
        "Numbers without a leading + get the business number's country code, as WhatsApp does: type the + when in doubt. " +
          "Add `--public` to show the answer to the channel. On a relayed WhatsApp message, use the *Report sender* shortcut.",
      ),
    ],
  };
}
