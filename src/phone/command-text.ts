import { describeE164 } from "./e164.js";
import { InvalidPhoneNumberError } from "./errors.js";
import { parsePhoneInput } from "./parse-input.js";
import { readPhoneText } from "./phone-text.js";
import type { CountryCode } from "./types.js";

const SEPARATORS = new Set([",", ";", "\r", "\n"]);

/**
 * For each position, whether the next "<" or ">" at or after it is a ">": the position is inside a Slack link
 * (<tel:…|…>), where a tel: URI may carry ";ext=…". One pass from the end, so splitting stays linear in the
 * length of the text (docs/CONTRACT.md §8).
 */
function insideLinks(text: string): Uint8Array {
  const inside = new Uint8Array(text.length);
  let closesAhead = 0;
  for (let index = text.length - 1; index >= 0; index -= 1) {
    const character = text[index];
    if (character === ">") closesAhead = 1;
    else if (character === "<") closesAhead = 0;
    inside[index] = closesAhead;
  }
  return inside;
}

/**
 * "+1 631 555 1000, 6315551002; <tel:+16315551003|…>" → one entry per number, trimmed, empties dropped. Commas,
 * semicolons and line breaks separate numbers, except inside Slack's <tel:…|…> links.
 */
export function splitPhoneList(text: string): string[] {
  const inside = insideLinks(text);
  const parts: string[] = [];
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    if (!SEPARATORS.has(text[index] ?? "") || inside[index] === 1) continue;
    parts.push(text.slice(start, index));
    start = index + 1;
  }
  parts.push(text.slice(start));
  return parts.map((part) => part.trim()).filter((part) => part !== "");
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
// E.164 numbers have at most 15 digits; typed with "00" or a trunk prefix, a few more. Longer candidates cannot be
// valid and are not read: reading every longer one would make this quadratic in the text (docs/CONTRACT.md §8).
const MAX_JUDGED_DIGITS = 18;

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

  const verdicts = candidateEnds(trimmed, ends).map((end) => ({
    end,
    valid: readsAsValidNumber(trimmed.slice(0, end), businessCountry),
  }));
  const longestValid = verdicts.filter((verdict) => verdict.valid === true).at(-1);
  if (longestValid) return cutAt(trimmed, longestValid.end);
  const judged = verdicts.some((verdict) => verdict.valid !== undefined);
  return cutAt(trimmed, judged ? stop : (ends.at(-1) ?? stop));
}

/** The ends of the candidates worth reading: up to MAX_JUDGED_DIGITS digits, and the first one past that. */
function candidateEnds(text: string, ends: number[]): number[] {
  const kept: number[] = [];
  let digits = 0;
  let from = 0;
  for (const end of ends) {
    for (let index = from; index < end; index += 1) {
      const code = text.charCodeAt(index);
      if (code >= 48 && code <= 57) digits += 1;
    }
    from = end;
    kept.push(end);
    if (digits > MAX_JUDGED_DIGITS) break;
  }
  return kept;
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
