import { randomUUID } from "node:crypto";
import type { AppLogger } from "../log/logger.js";
import { InvalidPhoneNumberError } from "../phone/errors.js";
import { parsePhoneInput } from "../phone/index.js";
import type { CountryCode, ParsedPhone } from "../phone/types.js";
import { AppError } from "../shared/app-error.js";
import type { WhatsAppBackend } from "../whatsapp/backend.js";
import { WaErrorCode, WhatsAppApiError } from "../whatsapp/errors.js";
import type { AuditTrail } from "./audit-trail.js";
import { assertModerator } from "./authorize.js";
import type { BlocklistPages } from "./blocklist.js";
import type { Clock } from "./clock.js";
import { AuditNotStoredError, ModerationError, NotEngagedError } from "./errors.js";
import { reasonTooLong } from "./reason.js";
import type {
  ActionResult,
  Actor,
  AuditOutcome,
  AuditPublisher,
  AuditRecord,
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
  logger: AppLogger;
  now: Clock;
}

export interface ActionSpec {
  action: ModerationAction;
  input: string;
  reason?: string | undefined;
  messageId?: string | undefined;
  alsoBlock?: boolean | undefined;
  /** Calls WhatsApp; `reason` is the spec's reason trimmed, undefined when blank. */
  call: (e164: string, reason: string | undefined) => Promise<unknown>;
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
  const phone = await attempt(deps, actor, spec, reason, fields);
  if (spec.changesBlocklist) await invalidateBlocklist(deps);
  const record = await store(deps, { ...fields, contact: phone.e164, outcome: "ok" });
  await publish(deps, record);
  return { action: spec.action, e164: phone.e164, record, warnings: phone.warnings };
}

type RecordFields = Pick<AuditRecord, "actor" | "action" | "reason" | "messageId" | "alsoBlock">;

/** Authorise, validate and call; on any refusal or failure, store its audit record and rethrow. */
async function attempt(
  deps: ActionDeps,
  actor: Actor,
  spec: ActionSpec,
  reason: string | undefined,
  fields: RecordFields,
): Promise<ParsedPhone> {
  let phone: ParsedPhone | undefined;
  try {
    await assertModerator(deps.isModerator, actor);
    const parsed = parsePhoneInput(spec.input, deps.businessCountry);
    phone = parsed;
    const tooLong = reasonTooLong(reason);
    if (tooLong) throw tooLong;
    await spec.call(parsed.e164, reason);
    return parsed;
  } catch (caught) {
    const error = await explain(deps, caught, phone);
    const record = await store(
      deps,
      { ...fields, contact: phone?.e164 ?? spec.input.trim(), ...outcomeOf(error) },
      error,
    );
    await publish(deps, record);
    throw error;
  }
}

/** WhatsApp's 2048 becomes NotEngagedError with what the relay knows of the contact's last message. */
async function explain(deps: ActionDeps, caught: unknown, phone: ParsedPhone | undefined): Promise<Error> {
  if (caught instanceof WhatsAppApiError && caught.waCode === WaErrorCode.NotEngaged && phone) {
    const last = await deps.inbound.last(phone.waId).catch(() => undefined);
    return new NotEngagedError(phone.e164, last?.at, caught);
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
    return await deps.trail.append(unsaved);
  } catch (cause) {
    // Its own id, so the one log line that holds it can be found from what the moderator is told.
    const record: AuditRecord = { id: `unsaved-${randomUUID()}`, ...unsaved };
    // The log line is the record's last copy: an operator can restore it from here.
    deps.logger.error("audit record NOT stored", { record }, cause);
    throw new AuditNotStoredError(record, cause, actionError);
  }
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
