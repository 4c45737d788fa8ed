import { type CountryCode, type PhoneNumber, parsePhoneNumberFromString } from "libphonenumber-js/max";
import { InvalidPhoneNumberError } from "./errors.js";
import { memoize } from "./memo.js";

/** The shortest numbers in use (Niue, Tokelau: +683 4002) have 7 digits with the country code. */
export const MIN_DIGITS = 7;
/** E.164 caps a number, country code included, at 15 digits. */
export const MAX_DIGITS = 15;

/** What libphonenumber's max metadata says about one E.164 number, taken exactly as written. */
export interface NumberFacts {
  e164: string;
  callingCode: string;
  /** The digits after the country code, as written. */
  nationalNumber: string;
  country?: CountryCode;
  valid: boolean;
}

/**
 * libphonenumber's reading of a "+digits" text, undefined when it does not start with a country code. One parse
 * per text: checking a number, its warnings and showing it to people all read the same text, and each parse of a
 * number not seen before costs several microseconds. Texts longer than any number are read but not kept.
 */
export function readE164(e164: string): PhoneNumber | undefined {
  return (e164.length <= MAX_DIGITS + 1 ? memoizedRead(e164) : parsePhoneNumberFromString(e164)) ?? undefined;
}

// null, not undefined, for "not a number": the memo takes undefined for "not computed yet".
const memoizedRead = memoize(
  (e164: string): PhoneNumber | null => parsePhoneNumberFromString(e164) ?? null,
  5000,
);

/** Undefined when the number does not start with a country code. */
export function describeE164(e164: string): NumberFacts | undefined {
  const parsed = readE164(e164);
  if (!parsed) return undefined;
  const callingCode = parsed.countryCallingCode;
  // libphonenumber quietly repairs some numbers (Argentina's local 15, a "(0)" after the country code); the
  // server does not, so a repaired number is not the number as written, and not valid as written.
  const asWritten = parsed.number === e164;
  return {
    e164,
    callingCode,
    nationalNumber: e164.slice(1 + callingCode.length),
    ...(parsed.country ? { country: parsed.country } : {}),
    valid: asWritten && parsed.isValid(),
  };
}

/**
 * Throws when the digits cannot make a phone number. `impliedCallingCode` is the business country's code when it is
 * prepended to `nationalDigits`; the message then says whether the code is what pushes the number over the limit.
 */
export function checkDigitCount(input: string, nationalDigits: string, impliedCallingCode?: string): void {
  const total = nationalDigits.length + (impliedCallingCode?.length ?? 0);
  if (total < MIN_DIGITS) {
    throw new InvalidPhoneNumberError(input, "too_short", `"${input}" is too short to be a phone number`);
  }
  if (total <= MAX_DIGITS) return;
  const counted =
    impliedCallingCode && nationalDigits.length <= MAX_DIGITS
      ? `with the country code +${impliedCallingCode} it has ${total} digits`
      : `it has ${nationalDigits.length} digits`;
  throw new InvalidPhoneNumberError(
    input,
    "too_long",
    `"${input}" is too long to be a phone number: ${counted}, and phone numbers have at most ${MAX_DIGITS}`,
  );
}
