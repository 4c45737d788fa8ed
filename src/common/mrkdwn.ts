/**
 * Slack mrkdwn rules shared by everything that writes to Slack (the Slack surface, the relay, the audit channel),
 * so none of them has to import another to escape or fit text.
 */

/** Slack refuses a section whose text is longer than this. */
export const SECTION_TEXT_LIMIT = 3000;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `text` with every lone surrogate replaced by U+FFFD (String.prototype.toWellFormed, which Node 20 lacks). A lone
 * surrogate makes the Web API client's form encoding throw a URIError, so the post is lost (docs/CONTRACT.md §8).
 */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, "\uFFFD");
}

/**
 * Slack's three control characters escaped, on well-formed text; escaping them also defuses `<!channel>` and
 * `<@U…>` typed by a contact (docs/CONTRACT.md §8).
 */
export function escapeMrkdwn(text: string): string {
  return wellFormed(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const USER_ID = /^[UW][A-Z0-9]{2,}$/;

/**
 * A mention of a Slack user, built only from a well-formed id; anything else (a CLI actor, a crafted stored
 * record) is shown escaped, so it can neither ping a channel nor mention anyone (docs/CONTRACT.md §8).
 */
export function mentionOf(id: string): string {
  return USER_ID.test(id) ? `<@${id}>` : escapeMrkdwn(id);
}

export interface FittedText {
  /** Escaped mrkdwn, at most the limit long. */
  text: string;
  /** Characters of the raw text left out (0 when it fit). */
  omitted: number;
}

/**
 * Escapes `raw` and keeps the longest prefix whose escaped form fits in `limit`, cutting on whole characters so
 * neither an entity like `&amp;` nor an emoji is split.
 */
export function fitMrkdwn(raw: string, limit: number): FittedText {
  const characters = Array.from(raw);
  let text = "";
  for (let index = 0; index < characters.length; index += 1) {
    const next = escapeMrkdwn(characters[index] ?? "");
    if (text.length + next.length > limit) return { text, omitted: characters.length - index };
    text += next;
  }
  return { text, omitted: 0 };
}

/** A time Slack shows in each reader's own time zone; the fallback (UTC ISO) is for clients that cannot. */
export function slackDate(unixSeconds: number): string {
  const fallback = new Date(unixSeconds * 1000).toISOString();
  return `<!date^${unixSeconds}^{date_short_pretty} {time}|${fallback}>`;
}
