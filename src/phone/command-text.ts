import { describeE164 } from "./e164.js";
import { InvalidPhoneNumberError } from "./errors.js";
import { parsePhoneInput } from "./parse-input.js";
import { readPhoneText } from "./phone-text.js";
import type { CountryCode } from "./types.js";

// Commas, semicolons and line breaks separate numbers, except inside Slack's <tel:…|…> links (a tel: URI may
// carry ";ext=…").
const LIST_SEPARATOR = /[,;\r\n]+(?![^<]*>)/;

/** "+1 631 555 1000, 6315551002; <tel:+16315551003|…>" → one entry per number, trimmed, empties dropped. */
export function splitPhoneList(text: string): string[] {
  return text
    .split(LIST_SEPARATOR)
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

export interface LeadingPhone {
  phone: string;
  /** What follows the number (e.g. the reason), trimmed. */
  rest: string;
}

const LEADING_LINK = /^(?:<tel:[^>]*>|tel:\S+)/i;
// Digits, +, brackets, dots, dashes of every kind, spaces of every width (U+00A0, U+202F…), invisible marks.
const PHONE_RUN = /^[\d+().\p{Pd}\p{Zs}\t\p{Cf}]+/u;
const GROUP = /\S+/gu;

/**
 * Splits "<number> <rest>" as typed after a command. The rule, in order:
 * 1. A leading Slack link (<tel:…|…>) or tel: URI is the number.
 * 2. Text that does not start with phone characters gives its first word as the number, so the parser can say
 *    why it is not one.
 * 3. Otherwise the number comes from the leading run of phone characters, taken in space-separated groups. A group
 *    stuck to the word after it (the "2" of "+1 631 555 1000 2nd offence") belongs to that word.
 * 4. When validity can be judged (the run starts with + or 00, or `businessCountry` is given), the number is the
 *    longest run of groups that is a valid number: "+1 631 555 1000 3 times" keeps "3 times" as the rest.
 *    If none is valid, the number is everything up to the end of the word where the run stops, so the parser can
 *    say what is wrong with it ("+1 631 55S 1000" → "+1 631 55S", which has a letter).
 * 5. When it cannot be judged, the number is every group of rule 3: "6315551000 3 times" reads as "6315551000 3".
 */
export function takeLeadingPhone(text: string, businessCountry?: CountryCode): LeadingPhone {
  const trimmed = text.trim();
  const link = LEADING_LINK.exec(trimmed)?.[0];
  if (link !== undefined) return cutAt(trimmed, link.length);

  const run = PHONE_RUN.exec(trimmed)?.[0] ?? "";
  if (!/\d/.test(run)) return cutAt(trimmed, endOfWord(trimmed, 0));
  // Where the run stops: at a space, or inside a word, and then at the end of that word.
  const stop = /\s$/u.test(run) ? run.length : endOfWord(trimmed, run.length);

  const groups = [...run.matchAll(GROUP)].map((match) => ({
    end: match.index + match[0].length,
    text: match[0],
  }));
  const stuck = stop > run.length ? groups.at(-1) : undefined;
  const ends = groups.filter((group) => group !== stuck && /\d/.test(group.text)).map((group) => group.end);

  const verdicts = ends.map((end) => ({
    end,
    valid: readsAsValidNumber(trimmed.slice(0, end), businessCountry),
  }));
  const longestValid = verdicts.filter((verdict) => verdict.valid === true).at(-1);
  if (longestValid) return cutAt(trimmed, longestValid.end);
  const judged = verdicts.some((verdict) => verdict.valid !== undefined);
  return cutAt(trimmed, judged ? stop : (ends.at(-1) ?? stop));
}

/** Undefined when it cannot be told: a number without a country code, and no business country to read it in. */
function readsAsValidNumber(
  candidate: string,
  businessCountry: CountryCode | undefined,
): boolean | undefined {
  try {
    const typed = readPhoneText(candidate);
    if (typed.international) return describeE164(`+${typed.digits}`)?.valid === true;
    return businessCountry ? parsePhoneInput(candidate, businessCountry).valid : undefined;
  } catch (error) {
    if (error instanceof InvalidPhoneNumberError) return false;
    throw error;
  }
}

function endOfWord(text: string, from: number): number {
  const space = /\s/u.exec(text.slice(from));
  return space ? from + space.index : text.length;
}

function cutAt(text: string, end: number): LeadingPhone {
  return { phone: text.slice(0, end).trim(), rest: text.slice(end).trim() };
}
