import { parsePhoneInput } from "../phone/index.js";
import type { CountryCode, PhoneWarning } from "../phone/types.js";
import type { ContactRef } from "../whatsapp/backend.js";
import { BsuidNeedsCloudError, ParentBsuidError } from "./errors.js";
import type { ContactDirectory, ContactIdentity } from "./types.js";

/**
 * Whom a moderator means (docs/CONTRACT.md §1.3): a contact is its wa_id when known, else its BSUID. A typed
 * number is parsed as the business country reads it; a typed BSUID becomes the contact's number when the relay
 * has seen the two together, and stays a BSUID otherwise.
 */
export interface ResolvedContact {
  /** What the audit trail and history are keyed by: the E.164 number when known, else the BSUID. */
  key: string;
  /** What WhatsApp is sent. */
  ref: ContactRef;
  /** Where the relay keeps this contact's last inbound message: the wa_id when known, else the BSUID. */
  inboundKey: string;
  e164?: string;
  bsuid?: string;
  username?: string;
  warnings: PhoneWarning[];
}

// Two-letter country, a dot, up to 128 letters and digits (Meta's BSUID guide); parents have ".ENT." after it.
const BSUID_PATTERN = /^[A-Z]{2}\.[A-Za-z0-9]{1,128}$/;
const PARENT_BSUID_PATTERN = /^[A-Z]{2}\.ENT\.[A-Za-z0-9.]+$/;

export function looksLikeBsuid(input: string): boolean {
  const text = input.trim();
  return BSUID_PATTERN.test(text) || PARENT_BSUID_PATTERN.test(text);
}

export interface ContactDeps {
  businessCountry: CountryCode;
  /** Absent on On-Premises backends: they never learn BSUIDs. */
  directory?: ContactDirectory | undefined;
}

export async function resolveContact(deps: ContactDeps, input: string): Promise<ResolvedContact> {
  const text = input.trim();
  if (PARENT_BSUID_PATTERN.test(text)) throw new ParentBsuidError(text);
  if (BSUID_PATTERN.test(text)) {
    if (deps.directory === undefined) throw new BsuidNeedsCloudError(text);
    const known = await lookUp(() => deps.directory?.byBsuid(text));
    if (known?.waId !== undefined) return byNumber(`+${known.waId}`, [], { ...known, bsuid: text });
    return {
      key: text,
      ref: { bsuid: text },
      inboundKey: text,
      bsuid: text,
      ...(known?.username === undefined ? {} : { username: known.username }),
      warnings: [],
    };
  }
  const phone = parsePhoneInput(text, deps.businessCountry);
  const known =
    deps.directory === undefined ? undefined : await lookUp(() => deps.directory?.byWaId(phone.waId));
  return byNumber(phone.e164, phone.warnings, known);
}

function byNumber(
  e164: string,
  warnings: PhoneWarning[],
  known: ContactIdentity | undefined,
): ResolvedContact {
  return {
    key: e164,
    ref: { e164 },
    inboundKey: e164.slice(1),
    e164,
    ...(known?.bsuid === undefined ? {} : { bsuid: known.bsuid }),
    ...(known?.username === undefined ? {} : { username: known.username }),
    warnings,
  };
}

/** The directory only adds detail: a store that does not answer costs the BSUID, not the action. */
async function lookUp(
  find: () => Promise<ContactIdentity | undefined> | undefined,
): Promise<ContactIdentity | undefined> {
  try {
    return await find();
  } catch {
    return undefined;
  }
}
