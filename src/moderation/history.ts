import { formatForPeople, parsePhoneInput } from "../phone/index.js";
import type { CountryCode } from "../phone/types.js";
import type { AuditTrail } from "./audit-trail.js";
import type { CheckCache } from "./check-cache.js";
import type { ContactHistory, LastInboundReader } from "./types.js";

export interface HistoryDeps {
  trail: AuditTrail;
  inbound: LastInboundReader;
  cache: CheckCache;
  businessCountry: CountryCode;
}

const HISTORY_LENGTH = 20;

export async function contactHistory(deps: HistoryDeps, input: string): Promise<ContactHistory> {
  const phone = parsePhoneInput(input, deps.businessCountry);
  const [trail, last, check] = await Promise.all([
    deps.trail.recent(phone.e164, HISTORY_LENGTH),
    deps.inbound.last(phone.waId),
    deps.cache.get(phone.e164),
  ]);
  const history: ContactHistory = { e164: phone.e164, display: formatForPeople(phone.e164), trail };
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
