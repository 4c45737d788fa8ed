import { escapeMrkdwn, fitMrkdwn, SECTION_TEXT_LIMIT, slackDate, wellFormed } from "../common/mrkdwn.js";
import { formatForPeople } from "../phone/index.js";
import { formatMessageReference } from "./message-reference.js";
import type { InboundMessage } from "./types.js";

// The notification preview only needs the start of the message.
const PREVIEW_LIMIT = 200;
// Notes quote file and place names; a bounded note leaves the message text most of the section.
const NOTE_LIMIT = 300;
const EMPTY_MESSAGE = "(empty message)";

export interface RenderedMessage {
  /** Notification and fallback text. */
  text: string;
  blocks: unknown[];
}

function truncationNote(omitted: number): string {
  return `\n… (truncated: ${omitted} more characters on WhatsApp)`;
}

/** Escaped text within `limit`, ending with a note of how much was cut when it does not fit. */
function fitWithTruncationNote(raw: string, limit: number): string {
  const whole = fitMrkdwn(raw, limit);
  if (whole.omitted === 0) return whole.text;
  // Reserve room for the longest note this text could need, then word it with the real count.
  const cut = fitMrkdwn(raw, limit - truncationNote(Array.from(raw).length).length);
  return cut.text + truncationNote(cut.omitted);
}

function bodyText(text: string | undefined, note: string | undefined): string {
  if (!text) return note ?? EMPTY_MESSAGE;
  if (note === undefined) return fitWithTruncationNote(text, SECTION_TEXT_LIMIT);
  return `${note}\n${fitWithTruncationNote(text, SECTION_TEXT_LIMIT - note.length - 1)}`;
}

function preview(text: string | undefined, note: string | undefined): string {
  if (!text) return note ?? EMPTY_MESSAGE;
  const fitted = fitMrkdwn(text, PREVIEW_LIMIT);
  return fitted.omitted > 0 ? `${fitted.text}…` : fitted.text;
}

/**
 * Who wrote, escaped: the number formatted for people, or, when WhatsApp gave none, the username and the BSUID
 * (docs/CONTRACT.md §5). Neither can build a mention or a link: `<`, `>` and `&` are escaped.
 */
function senderLine(message: InboundMessage): string {
  const ids =
    message.waId === undefined
      ? [message.username, message.bsuid].filter((id): id is string => Boolean(id))
      : [formatForPeople(message.waId)];
  return [message.profileName, ...ids]
    .filter((part): part is string => Boolean(part))
    .map(escapeMrkdwn)
    .join(" · ");
}

/** The Slack post for one inbound WhatsApp message: who wrote, what, when, and the ids "Report sender" needs. */
export function renderRelayedMessage(message: InboundMessage): RenderedMessage {
  const sender = senderLine(message);
  const note = message.mediaNote === undefined ? undefined : fitMrkdwn(message.mediaNote, NOTE_LIMIT).text;
  return {
    text: `WhatsApp from ${sender}: ${preview(message.text, note)}`,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `*${sender}*` } },
      { type: "section", text: { type: "mrkdwn", text: bodyText(message.text, note) } },
      {
        type: "context",
        elements: [
          { type: "mrkdwn", text: slackDate(message.timestamp) },
          // plain_text: ids may hold `_` or `*`, which mrkdwn would eat; the shortcut parses this text back.
          // Well-formed: a lone surrogate in an id would make the post throw (docs/CONTRACT.md §8).
          { type: "plain_text", text: wellFormed(formatMessageReference(message)), emoji: false },
        ],
      },
    ],
  };
}
