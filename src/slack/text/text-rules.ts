import { SECTION_TEXT_LIMIT, wellFormed } from "../../common/mrkdwn.js";

/** Slack text rules shared by the Block Kit builders. */

/** Slack's limits, from the Block Kit reference. */
export const SlackLimit = {
  BlocksPerMessage: 50,
  BlocksPerView: 100,
  SectionText: SECTION_TEXT_LIMIT,
  ContextElements: 10,
  ButtonText: 75,
  ButtonValue: 2000,
  ConfirmTitle: 100,
  ConfirmText: 300,
  ConfirmButton: 30,
  ModalTitle: 24,
  PrivateMetadata: 3000,
  HeaderText: 150,
  /** Slack truncates the notification `text` fallback well before this; keep it short anyway. */
  FallbackText: 3000,
} as const;

/** A number written the way people should type one (with its country code): in placeholders, usage and errors. */
export const EXAMPLE_NUMBER = "+1 631 555 1000";

/**
 * Cuts `text` to `max` characters, ending with "…" when it had to cut, never inside a surrogate pair; the result is
 * well-formed whatever came in (docs/CONTRACT.md §8: every Block Kit text passes through here).
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return wellFormed(text);
  let end = Math.max(0, max - 1);
  const last = text.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${wellFormed(text.slice(0, end))}…`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
