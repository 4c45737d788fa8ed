import { DAY_MS } from "../common/time.js";
import { InvalidPhoneNumberError } from "../phone/errors.js";
import type { CountryCode } from "../phone/types.js";
import type { AuditTrail } from "./audit-trail.js";
import type { Clock } from "./clock.js";
import { type ResolvedContact, resolveContact } from "./contact.js";
import { MAX_NUMBERS_PER_CHECK, ModerationError, TooManyNumbersError } from "./errors.js";
import type {
  AuditRecord,
  CheckReport,
  CheckRequest,
  CheckRow,
  ContactDirectory,
  LastInboundReader,
  LocalFacts,
} from "./types.js";

/**
 * A check where WhatsApp offers none (the Cloud API): the bot answers from what it knows, and says where each
 * fact comes from (docs/CONTRACT.md §1.3). Nothing is sent upstream, so no daily budget is spent, and nothing
 * here claims that a number has WhatsApp.
 */
export interface LocalCheckDeps {
  businessCountry: CountryCode;
  directory?: ContactDirectory | undefined;
  trail: AuditTrail;
  inbound: LastInboundReader;
  now: Clock;
}

// Enough of the trail to find the last block or unblock behind a run of reports.
const TRAIL_READ = 20;

export async function localCheck(deps: LocalCheckDeps, request: CheckRequest): Promise<CheckReport> {
  if (request.inputs.length > MAX_NUMBERS_PER_CHECK) throw new TooManyNumbersError(request.inputs.length);
  const rows = await Promise.all(request.inputs.map((input) => localRow(deps, input)));
  return { rows, source: "local", statusIsSignal: false };
}

async function localRow(deps: LocalCheckDeps, input: string): Promise<CheckRow> {
  let contact: ResolvedContact;
  try {
    contact = await resolveContact(deps, input);
  } catch (error) {
    if (!(error instanceof InvalidPhoneNumberError || error instanceof ModerationError)) throw error;
    return { input, warnings: [], status: "unparseable", refusal: error.message, cached: false };
  }
  // A store that does not answer costs these facts, not the answer.
  const [trail, last] = await Promise.all([
    deps.trail.recent(contact.key, TRAIL_READ).catch(() => [] as AuditRecord[]),
    deps.inbound.last(contact.inboundKey).catch(() => undefined),
  ]);
  const local: LocalFacts = {
    ...(contact.bsuid === undefined ? {} : { bsuid: contact.bsuid }),
    ...(contact.username === undefined ? {} : { username: contact.username }),
    ...blockedHere(trail),
  };
  const latest = trail[0];
  if (latest) {
    local.lastAction = { action: latest.action, outcome: latest.outcome, at: latest.at, actor: latest.actor };
  }
  if (last) {
    local.lastInboundAt = last.at;
    local.windowOpen = deps.now() - Date.parse(last.at) < DAY_MS;
  }
  return {
    input,
    ...(contact.e164 === undefined ? {} : { e164: contact.e164 }),
    ...(contact.e164 === undefined && contact.bsuid !== undefined ? { bsuid: contact.bsuid } : {}),
    warnings: contact.warnings,
    status: "unchecked",
    cached: false,
    local,
  };
}

/** The newest successful block or unblock (a report that also blocked counts as a block). */
function blockedHere(trail: AuditRecord[]): Pick<LocalFacts, "blockedHere"> {
  for (const record of trail) {
    if (record.outcome !== "ok") continue;
    if (record.action === "block" || (record.action === "report" && record.alsoBlock))
      return { blockedHere: true };
    if (record.action === "unblock") return { blockedHere: false };
  }
  return {};
}
