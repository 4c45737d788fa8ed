/**
 * Slack mrkdwn rules shared by everything that writes to Slack (the Slack surface, the relay, the audit channel),
 * so none of them has to import another to escape or fit text.
 */

/** Slack refuses a section whose text is longer than this. */
export const SECTION_TEXT_LIMIT = 3000;

/** Slack's three control characters; escaping them also defuses `<!channel>` and `<@U…>` typed by a contact. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
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
