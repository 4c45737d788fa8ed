import { randomUUID } from "node:crypto";
import { AppError } from "../common/app-error.js";
import type { AppLogger } from "../log/logger.js";
import { InvalidPhoneNumberError } from "../phone/errors.js";
import type { CountryCode } from "../phone/types.js";
import type { ActionReceipt, ContactRef, WhatsAppBackend } from "../whatsapp/backend.js";
import { WaErrorCode, WhatsAppApiError } from "../whatsapp/errors.js";
import { AuditNotStoredYetError, type AuditSpool, NOT_STORED_YET } from "./audit-spool.js";
import type { AuditTrail } from "./audit-trail.js";
import { assertModerator } from "./authorize.js";
import type { BlocklistPages } from "./blocklist.js";
import type { Clock } from "./clock.js";
import { type ResolvedContact, resolveContact } from "./contact.js";
import { AuditNotStoredError, ModerationError, NotEngagedError } from "./errors.js";
import { reasonTooLong } from "./reason.js";
import type {
  ActionResult,
  Actor,
  AuditOutcome,
  AuditPublisher,
  AuditRecord,
  ContactDirectory,
  IsModerator,
  LastInboundReader,
  ModerationAction,
} from "./types.js";

export interface ActionDeps {
  backend: WhatsAppBackend;
  trail: AuditTrail;
  inbound: LastInboundReader;
  blocklist: BlocklistPages;
  isModerator: IsModerator;
  publishAudit: AuditPublisher;
  businessCountry: CountryCode;
  /** The BSUID map the relay keeps (cloud backends only). */
  directory?: ContactDirectory | undefined;
  logger: AppLogger;
  now: Clock;
  /** Where audit records go when the store does not take them (docs/CONTRACT.md §5); none: they are only logged. */
  spool?: AuditSpool | undefined;
  /** How long the store gets to take an audit record; default AUDIT_STORE_TIMEOUT_MS. */
  auditStoreTimeoutMs?: number | undefined;
}

/**
 * A hung store must leave time for the WhatsApp call and the answer within the 15 s of docs/CONTRACT.md §7: after
 * this the record goes to the spool.
 */
export const AUDIT_STORE_TIMEOUT_MS = 3_000;

export interface ActionSpec {
  action: ModerationAction;
  input: string;
  reason?: string | undefined;
  messageId?: string | undefined;
  alsoBlock?: boolean | undefined;
  /** Calls WhatsApp; `reason` is the spec's reason trimmed, undefined when blank. */
  call: (contact: ContactRef, reason: string | undefined) => Promise<ActionReceipt | undefined>;
  /** The backend has no such call: the action is recorded (and audited) here only. */
  recordedOnly?: boolean;
  /** Whether the blocklist changes when the call succeeds. */
  changesBlocklist: boolean;
}

/**
 * Every block, unblock and report goes through here: authorise, validate, call WhatsApp, and store the audit
 * record (refusals and failures too) before the caller can answer. A lost audit record is itself an error.
 */
export async function runAction(deps: ActionDeps, actor: Actor, spec: ActionSpec): Promise<ActionResult> {
  const reason = spec.reason?.trim() || undefined;
  const fields = {
    actor: actor.userId,
    action: spec.action,
    ...(reason ? { reason } : {}),
    ...(spec.messageId ? { messageId: spec.messageId } : {}),
    ...(spec.alsoBlock !== undefined ? { alsoBlock: spec.alsoBlock } : {}),
  };
  const { contact, receipt } = await attempt(deps, actor, spec, reason, fields);
  if (spec.changesBlocklist) await invalidateBlocklist(deps);
  const record = await store(deps, {
    ...fields,
    contact: contact.key,
    outcome: "ok",
    ...(receipt?.resent ? { detail: RESENT_DETAIL } : {}),
    ...(spec.recordedOnly ? { detail: RECORDED_ONLY_DETAIL } : {}),
  });
  await publish(deps, record);
  return {
    action: spec.action,
    contact: contact.key,
    record,
    warnings: contact.warnings,
    ...(spec.recordedOnly ? { recordedOnly: true } : {}),
  };
}

// Kept in the audit record, which the audit channel and history show.
const RESENT_DETAIL =
  "WhatsApp did not answer the first request, so it was sent again: both may have gone through";
const RECORDED_ONLY_DETAIL = "recorded here only: WhatsApp offers businesses no report API";

type RecordFields = Pick<AuditRecord, "actor" | "action" | "reason" | "messageId" | "alsoBlock">;

/** Authorise, validate and call; on any refusal or failure, store its audit record and rethrow. */
async function attempt(
  deps: ActionDeps,
  actor: Actor,
  spec: ActionSpec,
  reason: string | undefined,
  fields: RecordFields,
): Promise<{ contact: ResolvedContact; receipt: ActionReceipt | undefined }> {
  let contact: ResolvedContact | undefined;
  try {
    await assertModerator(deps.isModerator, actor);
    const resolved = await resolveContact(deps, spec.input);
    contact = resolved;
    const tooLong = reasonTooLong(reason);
    if (tooLong) throw tooLong;
    const receipt = await spec.call(resolved.ref, reason);
    return { contact: resolved, receipt: receipt ?? undefined };
  } catch (caught) {
    const error = await explain(deps, caught, contact);
    const record = await store(
      deps,
      { ...fields, contact: contact?.key ?? spec.input.trim(), ...outcomeOf(error) },
      error,
    );
    await publish(deps, record);
    throw error;
  }
}

const NOT_ENGAGED_CODES: ReadonlySet<number> = new Set([WaErrorCode.NotEngaged, WaErrorCode.CloudNotEngaged]);

/** WhatsApp's 2048 (131047 on cloud) becomes NotEngagedError with what the relay knows of the last message. */
async function explain(
  deps: ActionDeps,
  caught: unknown,
  contact: ResolvedContact | undefined,
): Promise<Error> {
  if (caught instanceof WhatsAppApiError && NOT_ENGAGED_CODES.has(caught.waCode) && contact) {
    const last = await deps.inbound.last(contact.inboundKey).catch(() => undefined);
    return new NotEngagedError(contact.key, last?.at, caught);
  }
  return caught instanceof Error ? caught : new Error(String(caught));
}

function outcomeOf(error: Error): Pick<AuditRecord, "outcome" | "errorCode" | "waCode" | "detail"> {
  const api =
    error instanceof WhatsAppApiError ? error : error.cause instanceof WhatsAppApiError ? error.cause : null;
  const outcome: AuditOutcome = isRefusal(error, api) ? "refused" : "failed";
  const errorCode = error instanceof AppError ? error.code : "unexpected";
  return { outcome, errorCode, ...(api ? { waCode: api.waCode } : {}), detail: error.message };
}

/** Refused: we or WhatsApp said no on the merits. Anything else (unreachable, overloaded, broken) failed. */
function isRefusal(error: Error, api: WhatsAppApiError | null): boolean {
  if (api) return api.httpStatus < 500 && api.httpStatus !== 429;
  return error instanceof ModerationError || error instanceof InvalidPhoneNumberError;
}

/** Stores the record of an action; `actionError` is why the action failed, when it did. */
async function store(
  deps: ActionDeps,
  fields: Omit<AuditRecord, "id" | "at">,
  actionError?: Error,
): Promise<AuditRecord> {
  const unsaved = { ...fields, at: new Date(deps.now()).toISOString() };
  try {
    const stored = await withTimeout(
      deps.trail.append(unsaved),
      deps.auditStoreTimeoutMs ?? AUDIT_STORE_TIMEOUT_MS,
    );
    // The store answers again: records spooled while it did not go to it now (docs/CONTRACT.md §5).
    deps.spool?.storeAnswered();
    return stored;
  } catch (cause) {
    // Its own id, so the one log line that holds it can be found from what the moderator is told.
    const record: AuditRecord = { id: `unsaved-${randomUUID()}`, ...unsaved };
    const spooled = await spool(deps, record);
    if (spooled === undefined) {
      // The log line is the record's last copy: an operator can restore it from here.
      deps.logger.error("audit record NOT stored", { record }, cause);
      throw new AuditNotStoredError(record, cause, actionError);
    }
    deps.logger.error(`audit record ${NOT_STORED_YET}: kept in the local spool`, { record, spooled }, cause);
    // The audit channel hears of it now, saying so (docs/CONTRACT.md §5); the moderator through the error.
    await publish(deps, {
      ...record,
      // First, so the audit line's cut of a long WhatsApp detail never cuts it off.
      detail: [notStoredYetNote(spooled), record.detail].filter(Boolean).join(" · "),
    });
    throw new AuditNotStoredYetError(record, cause, spooled, actionError);
  }
}

function notStoredYetNote(spoolPath: string): string {
  return `audit record ${NOT_STORED_YET}: kept in ${spoolPath} until the store answers again`;
}

/** Appends to the spool; answers its path, or undefined when there is none or it failed too. */
async function spool(deps: ActionDeps, record: AuditRecord): Promise<string | undefined> {
  if (deps.spool === undefined) return undefined;
  try {
    await deps.spool.append(record);
    return deps.spool.path;
  } catch (error) {
    deps.logger.error("audit spool not writable", { path: deps.spool.path }, error);
    return undefined;
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the store did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

async function publish(deps: ActionDeps, record: AuditRecord): Promise<void> {
  try {
    await deps.publishAudit(record);
  } catch (error) {
    deps.logger.warn("audit channel post failed; the record is stored", error);
  }
}

async function invalidateBlocklist(deps: ActionDeps): Promise<void> {
  try {
    await deps.blocklist.invalidate();
  } catch (error) {
    deps.logger.warn("blocklist cache not invalidated; pages may be stale for a minute", error);
  }
}
