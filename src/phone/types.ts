import type { CountryCode } from "libphonenumber-js";

export type { CountryCode };

/** Why a translation deserves a second look before anyone acts on it. */
export type PhoneWarningCode =
  | "country_implied" // no leading +: the business number's country code was prepended, as the server does
  | "invalid_for_country" // the E.164 result is not a valid number for the country it names
  | "did_you_mean" // the typed digits would be a valid number if they had been typed with a +
  | "ar_mobile_9" // Argentina: mobiles are +54 9 …; WhatsApp ids may carry or drop the 9
  | "mx_mobile_1" // Mexico: the legacy 521 mobile prefix versus 52
  | "br_ninth_digit"; // Brazil: mobiles gained a ninth digit; WhatsApp ids of older accounts lack it

export interface PhoneWarning {
  code: PhoneWarningCode;
  /** One plain sentence for a moderator, e.g. "read as +91 16315551002, which is not a valid number; did you mean +1 631-555-1002?" */
  message: string;
  /** The E.164 number the person probably meant, when there is one. */
  suggestion?: string;
}

/** What the WhatsApp server will make of what a person typed. */
export interface ParsedPhone {
  /** Exactly what was typed (trimmed). */
  input: string;
  /** E.164 with the leading +, as sent to the API: "+16315551000". */
  e164: string;
  /** Digits only, the WhatsApp id form: "16315551000". */
  waId: string;
  /** ISO country of the number, when libphonenumber can tell. */
  country?: CountryCode;
  /** True when no + was typed and the business country code was prepended. */
  countryImplied: boolean;
  /** libphonenumber's `max` metadata verdict on the E.164 result. */
  valid: boolean;
  warnings: PhoneWarning[];
}

export type InvalidPhoneReason = "empty" | "not_a_number" | "too_short" | "too_long" | "letters";
