import { describeE164, type NumberFacts, readE164 } from "./e164.js";
import { formatForPeople } from "./format.js";
import type { PhoneWarning } from "./types.js";

/**
 * Where a country's mobile numbers and their WhatsApp ids part ways (as reported by WhatsApp Business
 * providers): Argentina's 9, Mexico's legacy 1 and Brazil's ninth digit. Each warning offers the other form to try;
 * which one an account uses is only known from WhatsApp's own answer.
 */
export function countryQuirkWarnings(facts: NumberFacts): PhoneWarning[] {
  const warning =
    facts.callingCode === "54"
      ? argentineMobile9(facts)
      : facts.callingCode === "52"
        ? mexicanMobile1(facts)
        : facts.callingCode === "55"
          ? brazilianNinthDigit(facts)
          : undefined;
  return warning ? [warning] : [];
}

// The number type costs a second pass over the metadata, so only these three countries' rules ask for it.
function isValidMobile(e164: string): boolean {
  if (describeE164(e164)?.valid !== true) return false;
  const type = readE164(e164)?.getType();
  return type === "MOBILE" || type === "FIXED_LINE_OR_MOBILE";
}

// Argentine mobiles are dialled from abroad as +54 9 <area> <number>, without the local "15"; their WhatsApp ids
// carry the 9. A number typed without the 9 (or with the 15) reaches a landline, or nothing.
function argentineMobile9({ e164, nationalNumber }: NumberFacts): PhoneWarning | undefined {
  if (nationalNumber.startsWith("9")) return undefined;
  const repaired = readE164(e164)?.number; // libphonenumber's reading drops the 15 and adds the 9
  const candidates = [repaired, `+549${nationalNumber}`];
  const mobile = candidates.find(
    (candidate) => candidate !== undefined && candidate !== e164 && isValidMobile(candidate),
  );
  if (mobile === undefined) return undefined;
  return {
    code: "ar_mobile_9",
    message: `Argentine mobiles are written +54 9 … (without the local 15) and their WhatsApp ids carry the 9: if this is a mobile, it is ${formatForPeople(mobile)}`,
    suggestion: mobile,
  };
}

// Mexico stopped dialling "1" before mobile numbers in 2019, but WhatsApp ids of Mexican mobiles often keep it (521…).
function mexicanMobile1({ nationalNumber }: NumberFacts): PhoneWarning | undefined {
  if (nationalNumber.length === 11 && nationalNumber.startsWith("1")) {
    const current = `+52${nationalNumber.slice(1)}`;
    if (!isValidMobile(current)) return undefined;
    return {
      code: "mx_mobile_1",
      message: `+52 1 … is the old way to dial a Mexican mobile; WhatsApp ids of Mexican mobiles often keep that 1, but if this one is not found, try ${formatForPeople(current)}`,
      suggestion: current,
    };
  }
  if (nationalNumber.length !== 10 || !isValidMobile(`+52${nationalNumber}`)) return undefined;
  const legacy = `+521${nationalNumber}`;
  return {
    code: "mx_mobile_1",
    message: `WhatsApp ids of Mexican mobiles often keep the old 1 after +52 (521…): if this number is not found, try +52 1 ${formatForPeople(`+52${nationalNumber}`).slice("+52 ".length)}`,
    suggestion: legacy,
  };
}

// Brazilian mobiles gained a ninth digit (a leading 9) between 2012 and 2016; accounts created before that may still
// have a WhatsApp id without it, mostly outside the first areas to switch (11-19, 21, 22, 24, 27, 28).
function brazilianNinthDigit({ e164, nationalNumber }: NumberFacts): PhoneWarning | undefined {
  const area = nationalNumber.slice(0, 2);
  const subscriber = nationalNumber.slice(2);
  if (subscriber.length === 9 && subscriber.startsWith("9") && isValidMobile(e164)) {
    const older = subscriber.slice(1);
    return {
      code: "br_ninth_digit",
      message: `Brazilian mobiles gained a ninth digit (the 9 after the area code), and the WhatsApp id of an account older than that may lack it: if this number is not found, try +55 ${area} ${older.slice(0, 4)}-${older.slice(4)}`,
      suggestion: `+55${area}${older}`,
    };
  }
  const current = `+55${area}9${subscriber}`;
  if (subscriber.length !== 8 || !/^[6-9]/.test(subscriber) || !isValidMobile(current)) return undefined;
  return {
    code: "br_ninth_digit",
    message: `this looks like a Brazilian mobile written without its ninth digit: the number is now ${formatForPeople(current)}, though the WhatsApp id of an account older than that may still lack the 9`,
    suggestion: current,
  };
}
