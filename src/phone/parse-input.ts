import { type CountryCode, getCountryCallingCode } from "libphonenumber-js/max";
import { countryName } from "./business-country.js";
import { countryQuirkWarnings } from "./country-quirks.js";
import { checkDigitCount, describeE164, type NumberFacts, readE164 } from "./e164.js";
import { InvalidPhoneNumberError } from "./errors.js";
import { formatForPeople } from "./format.js";
import { memoize } from "./memo.js";
import { nationalPrefixOf } from "./numbering-plan.js";
import { type PhoneText, readPhoneText } from "./phone-text.js";
import type { ParsedPhone, PhoneWarning } from "./types.js";

/**
 * What the WhatsApp server will make of what a person typed. The server's rule: a number typed without + (or 00)
 * is a national number of the business number's country, so that country's code is prepended, even when the
 * result is not a valid number. Throws InvalidPhoneNumberError when the text cannot be a phone number at all.
 */
export function parsePhoneInput(input: string, businessCountry: CountryCode): ParsedPhone {
  // A forged payload may carry a number padded to a megabyte: memoising such keys would let a few thousand
  // requests hold gigabytes (docs/CONTRACT.md §8). Numbers people type are far shorter.
  if (input.length > MEMO_INPUT_LIMIT) return Object.freeze(translate(input, businessCountry));
  // Failures are not memoised: they throw, and are rare.
  return memoizedTranslate(`${businessCountry} ${input}`);
}

const MEMO_INPUT_LIMIT = 100;

const memoizedTranslate = memoize((key: string): ParsedPhone => {
  const separator = key.indexOf(" ");
  return Object.freeze(translate(key.slice(separator + 1), key.slice(0, separator) as CountryCode));
}, 5000);

function translate(input: string, businessCountry: CountryCode): ParsedPhone {
  const text = readPhoneText(input);
  const reading = text.international ? undefined : readAsNational(text.digits, businessCountry);
  checkDigitCount(text.input, reading?.nationalNumber ?? text.digits, reading?.callingCode);
  const digits = reading ? `${reading.callingCode}${reading.nationalNumber}` : text.digits;
  const facts = describeE164(`+${digits}`);
  if (!facts) {
    throw new InvalidPhoneNumberError(
      text.input,
      "not_a_number",
      `"${text.input}" is not a phone number: it does not start with a country code`,
    );
  }
  return {
    input: text.input,
    e164: facts.e164,
    waId: digits,
    ...(facts.country ? { country: facts.country } : {}),
    countryImplied: reading !== undefined,
    valid: facts.valid,
    warnings: translationWarnings(text, facts, reading),
  };
}

/** How a number typed without a country code was read. */
interface NationalReading {
  country: CountryCode;
  callingCode: string;
  nationalNumber: string;
  /** The trunk prefix that was dropped ("0" in "06315551002" for India), if any. */
  droppedPrefix?: string;
}

function readAsNational(digits: string, country: CountryCode): NationalReading {
  const callingCode = getCountryCallingCode(country);
  const prefix = nationalPrefixOf(country);
  // A trunk prefix is dialled inside the country, never after its code: "16315551000" in the US is +1 631…,
  // and the server's own example reads it so. Kept when the digits are valid with it (Russia's 8 800 numbers).
  const dropsPrefix =
    prefix !== undefined &&
    digits.length > prefix.length &&
    digits.startsWith(prefix) &&
    describeE164(`+${callingCode}${digits}`)?.valid !== true;
  if (!dropsPrefix) return { country, callingCode, nationalNumber: digits };
  return { country, callingCode, nationalNumber: digits.slice(prefix.length), droppedPrefix: prefix };
}

function translationWarnings(
  text: PhoneText,
  facts: NumberFacts,
  reading: NationalReading | undefined,
): PhoneWarning[] {
  const implied = reading ? [countryImplied(reading)] : [];
  const meant = reading && !facts.valid ? didYouMean(text, reading) : undefined;
  const explained = [...(meant ? [meant] : []), ...countryQuirkWarnings(facts)];
  // A more specific warning already says the number is off and what to try instead.
  const invalid = !facts.valid && explained.length === 0 ? [invalidForCountry(facts)] : [];
  return [...implied, ...invalid, ...explained];
}

function readAs(reading: NationalReading): string {
  return `+${reading.callingCode} ${reading.nationalNumber}`;
}

function countryImplied(reading: NationalReading): PhoneWarning {
  const dropped = reading.droppedPrefix
    ? `, without the leading ${reading.droppedPrefix} dialled inside the country`
    : "";
  return {
    code: "country_implied",
    message: `no country code typed: read as ${readAs(reading)} (${countryName(reading.country)}, the business number's country)${dropped}`,
  };
}

// "1-631-555-1002" for a business in India is +91 16315551002, not a number; +1 631-555-1002 is.
function didYouMean(text: PhoneText, reading: NationalReading): PhoneWarning | undefined {
  const meant = describeE164(`+${text.digits}`);
  if (!meant?.valid) return undefined;
  return {
    code: "did_you_mean",
    message: `read as ${readAs(reading)}, which is not a valid number; did you mean ${formatForPeople(meant.e164)}?`,
    suggestion: meant.e164,
  };
}

function invalidForCountry(facts: NumberFacts): PhoneWarning {
  const where = facts.country
    ? `in its country (${countryName(facts.country)})`
    : `in any country that uses +${facts.callingCode}`;
  // libphonenumber repairs common slips, such as a "(0)" kept after the country code.
  const repaired = readE164(facts.e164);
  const suggestion = repaired?.isValid() && repaired.number !== facts.e164 ? repaired.number : undefined;
  const base = `${formatForPeople(facts.e164)} is not a valid number ${where}`;
  return suggestion
    ? {
        code: "invalid_for_country",
        message: `${base}; did you mean ${formatForPeople(suggestion)}?`,
        suggestion,
      }
    : { code: "invalid_for_country", message: base };
}
