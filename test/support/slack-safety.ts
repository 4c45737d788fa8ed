/**
 * What docs/CONTRACT.md §8 promises of everything that reaches Slack, as checks over any message: every string is
 * well-formed UTF-16 (no lone surrogate, which makes the Web API client's encoding throw), and no text pings
 * @channel, @here or @everyone, mentions a malformed id, or builds a link.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Slack's control sequences: <!channel>, <!here>, <!everyone>, <!subteam^…>, <@…>, <#…>, <http…>, <mailto:…>.
const CONTROL = /<([^>]*)>/g;
const ALLOWED_CONTROL = [/^@[UW][A-Z0-9]{2,}$/, /^!date\^\d+\^[^|]*\|[^|]*$/];

export function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const item of value) allStrings(item, out);
  else if (typeof value === "object" && value !== null) {
    for (const item of Object.values(value)) allStrings(item, out);
  }
  return out;
}

/** The strings in `message` that are not well-formed UTF-16 (a lone surrogate, which a post cannot encode). */
export function malformedStrings(message: unknown): string[] {
  return allStrings(message).filter((text) => LONE_SURROGATE.test(text));
}

/** The problems found in `message`, empty when it is safe to post. */
export function slackSafetyProblems(message: unknown): string[] {
  const problems: string[] = [];
  for (const text of allStrings(message)) {
    if (LONE_SURROGATE.test(text)) problems.push(`lone surrogate in ${JSON.stringify(text)}`);
    for (const match of text.matchAll(CONTROL)) {
      const inner = match[1] ?? "";
      if (!ALLOWED_CONTROL.some((allowed) => allowed.test(inner))) problems.push(`control <${inner}>`);
    }
    if (/@(?:channel|here|everyone)\b/.test(text) && /<!/.test(text)) problems.push(`ping in ${text}`);
  }
  return problems;
}
