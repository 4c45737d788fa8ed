import { AppError } from "../common/app-error.js";
import type { WhatsAppApiError } from "../whatsapp/errors.js";
import type { AuditRecord } from "./types.js";

/** Refusals and failures of the moderation core. Surfaces word them; the core never formats Slack text. */
export abstract class ModerationError extends AppError {}

export class NotModeratorError extends ModerationError {
  readonly code = "not_moderator";
  readonly userId: string;

  constructor(userId: string) {
    super(`${userId} is not a moderator (MODERATORS)`);
    this.userId = userId;
  }
}

export const REASON_LIMIT = 60;

/** Something typed is over a limit: the refusal names the limit and how much was typed. */
abstract class OverLimitError extends ModerationError {
  constructor(
    message: string,
    /** How much was typed: characters of a reason, numbers of a check. */
    readonly length: number,
    readonly limit: number,
  ) {
    super(message);
  }
}

/** WhatsApp takes reasons under 60 characters; refused before any API call. */
export class ReasonTooLongError extends OverLimitError {
  readonly code = "reason_too_long";

  constructor(length: number) {
    super(`reasons must be under ${REASON_LIMIT} characters; this one has ${length}`, length, REASON_LIMIT);
  }
}

/** More uncached look-ups than CHECK_DAILY_BUDGET allows for today (UTC). */
export class BudgetExhaustedError extends ModerationError {
  readonly code = "budget_exhausted";
  readonly requested: number;
  readonly remaining: number;
  readonly limit: number;
  readonly resetsAt: string;

  constructor(details: { requested: number; remaining: number; limit: number; resetsAt: string }) {
    super(
      `the daily budget of ${details.limit} uncached checks allows ${details.remaining} more today; ${details.requested} requested (resets ${details.resetsAt})`,
    );
    this.requested = details.requested;
    this.remaining = details.remaining;
    this.limit = details.limit;
    this.resetsAt = details.resetsAt;
  }
}

/**
 * The shared budget counter did not answer and this process's own allowance for that case (5 % of the daily
 * budget, docs/CONTRACT.md §6) does not cover the request: an uncounted look-up is how a number drifts into a ban,
 * so nothing more uncached is sent until the store is back; cached answers still come back.
 */
export class BudgetUnavailableError extends ModerationError {
  readonly code = "budget_unavailable";
  readonly requested: number;
  /** Uncached look-ups this process allows itself per day while the store cannot count. */
  readonly allowance: number;
  readonly remaining: number;

  constructor(cause: unknown, details: { requested: number; allowance: number; remaining: number }) {
    super(
      `the daily check budget could not be counted in the store, and this process's own allowance meanwhile (${details.allowance} a day) has ${details.remaining} left; ${details.requested} requested`,
      { cause },
    );
    this.requested = details.requested;
    this.allowance = details.allowance;
    this.remaining = details.remaining;
  }
}

/** The store did not answer a read that a request cannot do without (history): nothing of it can be shown. */
export class StoreUnreachableError extends ModerationError {
  readonly code = "store_unreachable";

  constructor(what: string, cause: unknown) {
    super(`the store is unreachable, so ${what} cannot be read`, { cause });
  }
}

export const MAX_NUMBERS_PER_CHECK = 20;

/** Bulk checking is what gets a business number banned; one command checks a handful at most. */
export class TooManyNumbersError extends OverLimitError {
  readonly code = "too_many_numbers";

  constructor(count: number) {
    super(
      `one check takes at most ${MAX_NUMBERS_PER_CHECK} numbers; this one has ${count}`,
      count,
      MAX_NUMBERS_PER_CHECK,
    );
  }
}

/** WhatsApp 2048: the contact has not written to the business in the last 24 hours. */
export class NotEngagedError extends ModerationError {
  readonly code = "not_engaged";
  readonly e164: string;
  /** When the relay last saw the contact write, if it ever did. */
  readonly lastInboundAt: string | undefined;

  constructor(e164: string, lastInboundAt: string | undefined, cause: WhatsAppApiError) {
    super(`${e164} is not engaged: no message from it in the last 24 hours`, { cause });
    this.e164 = e164;
    this.lastInboundAt = lastInboundAt;
  }
}

/**
 * The action reached WhatsApp (or was refused) but its audit record could not be stored. Never swallowed:
 * the moderator is told, the record is logged in full so it can be restored.
 */
export class AuditNotStoredError extends ModerationError {
  readonly code = "audit_not_stored";
  readonly record: AuditRecord;
  /** Why the action itself did not go through, when it did not: the person must still be told that first. */
  readonly actionError: Error | undefined;

  constructor(record: AuditRecord, cause: unknown, actionError?: Error) {
    super(
      `the ${record.action} of ${record.contact} ended "${record.outcome}" but its audit record was not stored`,
      { cause },
    );
    this.record = record;
    this.actionError = actionError;
  }
}

/** The backend cannot do this (e.g. a blocklist page request of the wrong paging kind). */
export class UnsupportedRequestError extends ModerationError {
  readonly code = "unsupported_request";
}

/** A moderator user group could not be listed, so whether someone is a moderator is not known. */
export class ModeratorGroupsUnavailableError extends AppError {
  readonly code = "moderator_groups_unavailable";

  constructor(
    readonly userId: string,
    readonly groupIds: string[],
  ) {
    super(`Slack could not list the members of ${groupIds.join(", ")}`);
  }
}

/** A parent BSUID ("US.ENT.…") names a whole business portfolio's user, which WhatsApp does not let anyone block. */
export class ParentBsuidError extends ModerationError {
  readonly code = "parent_bsuid";

  constructor(readonly bsuid: string) {
    super(
      `${bsuid} is a parent BSUID, which cannot be blocked or reported; use the contact's own BSUID or number`,
    );
  }
}

/** A BSUID names a contact only on the Cloud API; this bot talks to an On-Premises node, which knows numbers. */
export class BsuidNeedsCloudError extends ModerationError {
  readonly code = "bsuid_needs_cloud";

  constructor(readonly bsuid: string) {
    super(`${bsuid} is a BSUID, which only the Cloud API knows; give the contact's phone number`);
  }
}
