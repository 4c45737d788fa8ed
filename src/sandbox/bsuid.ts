import { createHash } from "node:crypto";
import { parsePhoneNumberFromString } from "libphonenumber-js";

/**
 * Business-scoped user ids (BSUIDs) and usernames (docs/CONTRACT.md, Cloud API facts): a BSUID is an ISO country
 * code, a dot and up to 128 letters or digits ("US.13491208655302741918"); a parent BSUID ("US.ENT.…") names a
 * business portfolio's view of the user and cannot be blocked. A username is shown with its "@".
 */
export const BSUID_PATTERN = /^[A-Z]{2}\.[A-Za-z0-9]{1,128}$/;
export const PARENT_BSUID_PATTERN = /^[A-Z]{2}\.ENT\.[A-Za-z0-9]{1,128}$/;
export const USERNAME_PATTERN = /^@[A-Za-z0-9._]{3,35}$/;

/** A BSUID that can name a user (not a parent BSUID, which is shaped differently). */
export function isBsuid(value: string): boolean {
  return BSUID_PATTERN.test(value);
}

export function isParentBsuid(value: string): boolean {
  return PARENT_BSUID_PATTERN.test(value);
}

/**
 * The BSUID of a phone user the seed gave none: stable across restarts (derived from the wa_id), prefixed with the
 * number's country ("ZZ" when it has none), 20 digits like Meta's examples.
 */
export function deriveBsuid(waId: string): string {
  const country = parsePhoneNumberFromString(`+${waId}`)?.country ?? "ZZ";
  const hash = createHash("sha256").update(`bsuid:${waId}`).digest();
  const digits = (hash.readBigUInt64BE(0) % 9_000_000_000_000_000_000n) + 10_000_000_000_000_000_000n;
  return `${country}.${digits}`;
}
