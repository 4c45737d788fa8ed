import { checkDigitCount } from "./e164.js";
import { InvalidPhoneNumberError } from "./errors.js";

// A WhatsApp id is the E.164 number without its +; the blocklist and the messaging protocol name contacts by JID.
const JID_DOMAIN = "s.whatsapp.net";
// "@c.us" is the older spelling of the same user domain, still found in web clients and their exports.
const CONTACT_JID = /^(\d+)@(?:s\.whatsapp\.net|c\.us)$/;
const DIGITS = /^\d+$/;

/** "+16315551000" → "16315551000". */
export function e164ToWaId(e164: string): string {
  const text = e164.trim();
  return requireDigits(e164, /^\+(\d+)$/.exec(text)?.[1], "an E.164 number such as +16315551000");
}

/** "16315551000" → "+16315551000". */
export function waIdToE164(waId: string): string {
  return `+${bareWaId(waId)}`;
}

/** "16315551000" → "16315551000@s.whatsapp.net". */
export function waIdToJid(waId: string): string {
  return `${bareWaId(waId)}@${JID_DOMAIN}`;
}

/** Accepts a bare wa_id or a contact JID ("16315551000@s.whatsapp.net"); anything else is refused. */
export function jidToWaId(jidOrWaId: string): string {
  const text = jidOrWaId.trim();
  const digits = DIGITS.test(text) ? text : CONTACT_JID.exec(text)?.[1];
  return requireDigits(
    jidOrWaId,
    digits,
    `a WhatsApp contact id such as 16315551000 or 16315551000@${JID_DOMAIN}`,
  );
}

function bareWaId(waId: string): string {
  const text = waId.trim();
  return requireDigits(
    waId,
    DIGITS.test(text) ? text : undefined,
    "a WhatsApp id (digits only, such as 16315551000)",
  );
}

function requireDigits(input: string, digits: string | undefined, expected: string): string {
  const text = input.trim();
  if (text === "")
    throw new InvalidPhoneNumberError(input, "empty", "no WhatsApp id or phone number was given");
  if (digits === undefined) {
    throw new InvalidPhoneNumberError(input, "not_a_number", `"${text}" is not ${expected}`);
  }
  checkDigitCount(text, digits);
  return digits;
}
