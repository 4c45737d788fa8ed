import { InvalidPhoneNumberError } from "./errors.js";

/** What a person typed, reduced to what the number is made of. */
export interface PhoneText {
  /** The input, trimmed, as it is shown back to people. */
  input: string;
  /** True when it starts with + or 00: the country code is among the digits. */
  international: boolean;
  /** The digits after the + or 00 (or all of them when neither was typed). */
  digits: string;
}

// What people and apps put between digits: spaces of every width (U+00A0, U+202F…), dashes of every kind
// (WhatsApp's "copy number" uses U+2011), brackets and dots.
const SEPARATORS = /[\s\p{Pd}().]/gu;
// Direction marks and other invisible characters that copying from WhatsApp or right-to-left pages wraps numbers in.
const INVISIBLE = /\p{Cf}/gu;
// Slack turns typed numbers into links: <tel:+16315551000|+1 631-555-1000>. The link target is the number.
const SLACK_TEL_LINK = /^<tel:([^|>]*)(?:\|[^>]*)?>$/i;
const TEL_URI = /^tel:/i;

// Digits alone, or + and digits: how most numbers arrive (copied from WhatsApp or a CRM). The full reading below
// reads them the same (a property test holds the two together) at several times the cost.
const PLAIN = /^\+?\d+$/;

export function readPhoneText(raw: string): PhoneText {
  const input = raw.trim();
  if (PLAIN.test(input)) return readPlain(input);
  const text = unwrapTelLink(input.replace(INVISIBLE, ""));
  if (text === "") throw new InvalidPhoneNumberError(input, "empty", "no phone number was typed");

  const letters = [...new Set(text.match(/\p{L}/gu))];
  const hasDigits = /\d/.test(text);
  if (letters.length > 0) {
    if (!hasDigits) {
      throw new InvalidPhoneNumberError(
        input,
        "not_a_number",
        `"${input}" is not a phone number: it has letters`,
      );
    }
    const named = letters.map((letter) => `"${letter}"`).join(", ");
    throw new InvalidPhoneNumberError(
      input,
      "letters",
      `"${input}" has ${letters.length === 1 ? "a letter" : "letters"} in it (${named}); a phone number is digits only`,
    );
  }

  const international = text.startsWith("+");
  const rest = international ? text.slice(1) : text;
  if (rest.includes("+")) {
    throw new InvalidPhoneNumberError(
      input,
      "not_a_number",
      `"${input}" is not a phone number: a + can only come first (separate several numbers with commas)`,
    );
  }
  const stray = rest.replace(SEPARATORS, "").match(/\D/u)?.[0];
  if (stray !== undefined) {
    throw new InvalidPhoneNumberError(
      input,
      "not_a_number",
      `"${input}" is not a phone number: it has "${stray}" in it`,
    );
  }
  if (!hasDigits) {
    throw new InvalidPhoneNumberError(
      input,
      "not_a_number",
      `"${input}" is not a phone number: it has no digits`,
    );
  }

  return withPrefix(input, international, rest.replace(SEPARATORS, ""));
}

function readPlain(input: string): PhoneText {
  const international = input.startsWith("+");
  return withPrefix(input, international, international ? input.slice(1) : input);
}

function withPrefix(input: string, international: boolean, digits: string): PhoneText {
  // 00 is the international prefix in most of the world; people type it where they mean +.
  if (!international && digits.startsWith("00"))
    return { input, international: true, digits: digits.slice(2) };
  return { input, international, digits };
}

function unwrapTelLink(text: string): string {
  const target = SLACK_TEL_LINK.exec(text)?.[1] ?? text;
  if (!TEL_URI.test(target)) return target.trim();
  // RFC 3966: the number may be percent-encoded (%2B for +) and may carry ";ext=…" parameters, which WhatsApp has no use for.
  const [number = ""] = target.slice("tel:".length).split(";");
  return safeDecode(number).trim();
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
