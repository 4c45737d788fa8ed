import { readE164 } from "./e164.js";
import { memoize } from "./memo.js";
import { groupInternationally } from "./numbering-plan.js";

/**
 * A number as people read it: "+1 631-555-1000", "+54 9 11 5612-1008". Takes E.164 or a bare wa_id. Numbers no
 * pattern fits keep their digits after the country code ("+91 16315551002"); without a known country code, "+digits".
 * Memoised: every check row and blocklist row shows its number this way, and the same numbers come back all day.
 */
export const formatForPeople: (e164OrWaId: string) => string = memoize(format, 5000);

function format(e164OrWaId: string): string {
  const trimmed = e164OrWaId.trim();
  const digits = trimmed.startsWith("+") ? trimmed.slice(1) : trimmed;
  if (!/^\d+$/.test(digits)) return trimmed;
  const e164 = `+${digits}`;
  const parsed = readE164(e164);
  if (!parsed) return e164;
  const callingCode = parsed.countryCallingCode;
  const nationalNumber = digits.slice(callingCode.length);
  const grouped = groupInternationally(nationalNumber, parsed.country ?? callingCode);
  return `+${callingCode} ${grouped ?? nationalNumber}`;
}
