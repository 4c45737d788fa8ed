export { isSupportedBusinessCountry } from "./business-country.js";
export { type LeadingPhone, splitPhoneList, takeLeadingPhone } from "./command-text.js";
export { InvalidPhoneNumberError } from "./errors.js";
export { formatForPeople } from "./format.js";
export { parsePhoneInput } from "./parse-input.js";
export type {
  CountryCode,
  InvalidPhoneReason,
  ParsedPhone,
  PhoneWarning,
  PhoneWarningCode,
} from "./types.js";
export { e164ToWaId, jidToWaId, waIdToE164, waIdToJid } from "./wa-id.js";
