import { formatForPeople } from "../phone/index.js";
import { escapeMrkdwn } from "./mrkdwn.js";

export interface ShownNumberOptions {
  /** Quote an input that never parsed, so a reader can tell it from a number (the audit channel does). */
  quoteTyped?: boolean;
}

/**
 * A number as people read it, in mrkdwn: an E.164 number formatted for people; anything else (an input that never
 * parsed) escaped and shown as typed.
 */
export function shownNumber(number: string, options: ShownNumberOptions = {}): string {
  if (/^\+\d+$/.test(number)) return formatForPeople(number);
  const typed = escapeMrkdwn(number);
  return options.quoteTyped ? `"${typed}"` : typed;
}
