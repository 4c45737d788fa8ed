import { parsePhoneNumberFromString } from "libphonenumber-js";

/** How the server reads numbers: its translation rule, what counts as malformed, and how a number finds its wa_id. */

/** E.164 allows at most 15 digits; nothing shorter than 7 is a reachable number anywhere. */
export const WA_ID_PATTERN = /^\d{7,15}$/;

const PHONE_CHARACTERS = /^\+?[\d\s().-]+$/;

function withinLength(digits: string): string | undefined {
  return WA_ID_PATTERN.test(digits) ? digits : undefined;
}

/**
 * The digits the server looks up for a `contacts[]` entry, or undefined when it is malformed (letters, too short,
 * too long). Without a leading "+" the business number's country code is prepended, whatever the digits look like.
 */
export function translateContactInput(input: string, countryCode: string): string | undefined {
  const trimmed = input.trim();
  if (!PHONE_CHARACTERS.test(trimmed)) return undefined;
  const digits = trimmed.replace(/\D/g, "");
  return withinLength(trimmed.startsWith("+") ? digits : `${countryCode}${digits}`);
}

/** A contact in a path (`/v1/contacts/{id}/block`): "+<number>" in any usual format, or a bare wa_id. */
export function parseContactId(id: string): string | undefined {
  const trimmed = id.trim();
  if (/^\d+$/.test(trimmed)) return withinLength(trimmed);
  if (!trimmed.startsWith("+")) return undefined;
  return translateContactInput(trimmed, "");
}

/**
 * Numbers whose WhatsApp id differs from the dialled digits: Brazilian accounts older than the ninth mobile digit,
 * Mexican ids with or without the legacy 521 prefix, Argentine mobiles with or without the 9. Exact digits first.
 */
export function waIdCandidates(digits: string): string[] {
  const rewrites: Array<[RegExp, string]> = [
    [/^55(\d{2})9(\d{8})$/, "55$1$2"],
    [/^55(\d{2})(\d{8})$/, "55$19$2"],
    [/^52(\d{10})$/, "521$1"],
    [/^521(\d{10})$/, "52$1"],
    [/^54([1-8]\d{9})$/, "549$1"],
    [/^549(\d{10})$/, "54$1"],
  ];
  const alternatives = rewrites.filter(([pattern]) => pattern.test(digits));
  return [digits, ...alternatives.map(([pattern, replacement]) => digits.replace(pattern, replacement))];
}

/** The wa_id of the WhatsApp account these digits reach, if any. */
export function findWaId(users: ReadonlyMap<string, unknown>, digits: string): string | undefined {
  return waIdCandidates(digits).find((candidate) => users.has(candidate));
}

/** The country calling code of an E.164 number ("+16315550100" -> "1"), when it has a known one. */
export function countryCallingCode(e164: string): string | undefined {
  return parsePhoneNumberFromString(e164)?.countryCallingCode;
}
