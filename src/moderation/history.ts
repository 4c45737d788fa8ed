import { formatForPeople } from "../phone/index.js";
import type { CountryCode } from "../phone/types.js";
import type { AuditTrail } from "./audit-trail.js";
import type { CheckCache } from "./check-cache.js";
import { type ResolvedContact, resolveContact } from "./contact.js";
import { StoreUnreachableError } from "./errors.js";
import type { ContactDirectory, ContactHistory, LastInboundReader } from "./types.js";

export interface HistoryDeps {
  trail: AuditTrail;
  inbound: LastInboundReader;
  cache: CheckCache;
  businessCountry: CountryCode;
  directory?: ContactDirectory | undefined;
}

/** "+1 631-555-1000", or the BSUID (with the username the relay saw) of a contact known only by it. */
function shownContact(contact: ResolvedContact): string {
  if (contact.e164 !== undefined) return formatForPeople(contact.e164);
  return contact.username === undefined ? contact.key : `${contact.username} (${contact.key})`;
}

const HISTORY_LENGTH = 20;

export async function contactHistory(deps: HistoryDeps, input: string): Promise<ContactHistory> {
  const contact = await resolveContact(deps, input);
  // Every read below is the store's: when it fails, the answer is that the store is unreachable (docs/CONTRACT.md §6).
  const [trail, trailTotal, last, check] = await Promise.all([
    deps.trail.recent(contact.key, HISTORY_LENGTH),
    deps.trail.count(contact.key),
    deps.inbound.last(contact.inboundKey),
    contact.e164 === undefined ? undefined : deps.cache.get(contact.e164),
  ]).catch((cause: unknown) =>
    Promise.reject(new StoreUnreachableError(`the history of ${contact.key}`, cause)),
  );
  const history: ContactHistory = {
    e164: contact.key,
    display: shownContact(contact),
    trail,
    trailTotal: Math.max(trailTotal, trail.length),
  };
  if (last) {
    history.lastInboundAt = last.at;
    history.lastMessageId = last.messageId;
  }
  if (check) {
    history.lastCheck = {
      status: check.status,
      checkedAt: new Date(check.checkedAt).toISOString(),
      ...(check.waId ? { waId: check.waId } : {}),
      ...(check.apiVersion ? { apiVersion: check.apiVersion } : {}),
    };
  }
  return history;
}
