import { webApi } from "@slack/bolt";
import { escapeMrkdwn } from "../../common/mrkdwn.js";
import { AuditNotStoredYetError, NOT_STORED_YET } from "../../moderation/audit-spool.js";
import {
  AuditNotStoredError,
  BsuidNeedsCloudError,
  BudgetExhaustedError,
  BudgetUnavailableError,
  ModeratorGroupsUnavailableError,
  NotEngagedError,
  NotModeratorError,
  ParentBsuidError,
  ReasonTooLongError,
  StoreUnreachableError,
  TooManyNumbersError,
  UnsupportedRequestError,
} from "../../moderation/errors.js";
import type { ModerationAction } from "../../moderation/types.js";
import { InvalidPhoneNumberError } from "../../phone/errors.js";
import { CloudTokenRefusedError } from "../../whatsapp/cloud/index.js";
import {
  WhatsAppApiError,
  WhatsAppAuthError,
  WhatsAppBadResponseError,
  WhatsAppNoAnswerError,
  WhatsAppTlsError,
  WhatsAppUnsupportedError,
} from "../../whatsapp/errors.js";
import { CommandUsageError, StaleInteractionError } from "../input/errors.js";
import { EXAMPLE_NUMBER } from "./text-rules.js";
import { formatDuration, formatUtc } from "./time-text.js";
import { noAnswer, notEngaged, RETRY_LATER, whatsAppApi } from "./whatsapp-error-text.js";

/**
 * Every refusal and failure in plain words: what happened, and what the person can do about it. The texts are
 * Slack mrkdwn; anything that came from a person or a server is escaped.
 */

export interface ErrorTextContext {
  now: number;
  /** False when MODERATORS is empty: then nobody can act, which the refusal must say. */
  moderatorsConfigured: boolean;
  /** The moderation action that was asked for, when one was: some failures mean something else for it. */
  action?: ModerationAction | undefined;
}

const STORE_ADVICE =
  "Try again in a minute; if it persists, an operator should look at /healthz and STORE_URL.";

function notModerator(error: NotModeratorError, configured: boolean): string {
  const id = escapeMrkdwn(error.userId);
  if (!configured) {
    return (
      "Nobody can moderate yet: `MODERATORS` is not set, so wa-moderator refuses every action. " +
      `Ask whoever runs wa-moderator to set \`MODERATORS\` to the Slack user ids and user-group ids allowed to act (yours is \`${id}\`).`
    );
  }
  return (
    `Only moderators can do this, and your Slack user id \`${id}\` is not in \`MODERATORS\` (directly or through a user group). ` +
    `Ask whoever runs wa-moderator to add \`${id}\`, or a user group you belong to, to \`MODERATORS\`.`
  );
}

function groupsUnavailable(error: ModeratorGroupsUnavailableError): string {
  const groups = error.groupIds.map((id) => `\`${escapeMrkdwn(id)}\``).join(", ");
  const noun = error.groupIds.length === 1 ? "user group" : "user groups";
  return (
    `Nothing was done: your Slack user id \`${escapeMrkdwn(error.userId)}\` is not in \`MODERATORS\` itself, and Slack did not list the members of the moderator ${noun} ${groups} just now, so the bot cannot tell whether you belong to it. ` +
    "Try again in a minute. If it keeps happening, whoever runs wa-moderator should check that the app still has the `usergroups:read` scope."
  );
}

/** The modal opens only within 3 s of the click; past that Slack refuses its trigger. */
const EXPIRED_TRIGGERS = new Set(["expired_trigger_id", "invalid_trigger_id"]);

/** Slack's own refusal of a Web API call this text has words for; the rest are unexpected. */
function slackRefusal(error: Error): string | undefined {
  if (!("code" in error) || error.code !== webApi.ErrorCode.PlatformError) return undefined;
  const refusal = (error as webApi.WebAPIPlatformError).data.error;
  if (EXPIRED_TRIGGERS.has(refusal)) {
    return "The report form could not open in time (Slack allows 3 seconds after the click). Click *Report…* or run *Report sender* again.";
  }
  return undefined;
}

/** What happened to the action comes first; the missing audit record is an addition, never a "done". */
function auditNotStored(error: AuditNotStoredError, context: ErrorTextContext): string {
  const { record } = error;
  const contact = escapeMrkdwn(record.contact);
  // Spooled: the record is safe on disk and reaches the store by itself; else only the log line holds it.
  const spooled = error instanceof AuditNotStoredYetError;
  const operator = spooled
    ? `It waits in the bot's local spool and is written to the store once the store answers (audit id \`${record.id}\`).`
    : `Tell an operator: the full record is in the logs under audit id \`${record.id}\`.`;
  const missing = spooled ? `its audit record is ${NOT_STORED_YET}` : "the audit record was not stored";
  if (record.outcome === "ok") {
    return `Done, but ${missing}: the ${record.action} of ${contact} went through. ${operator}`;
  }
  const why =
    (error.actionError && describeKnownError(error.actionError, { ...context, action: record.action })) ??
    `Not done: the ${record.action} of ${contact} ${record.outcome} (${escapeMrkdwn(record.errorCode ?? "unknown")}).`;
  return `${why} ${spooled ? `Its audit record is ${NOT_STORED_YET} either.` : "The audit record of this was not stored either."} ${operator}`;
}

function budgetExhausted(error: BudgetExhaustedError, now: number): string {
  const resetsIn = formatDuration(Date.parse(error.resetsAt) - now);
  return (
    `Not checked: the daily budget of ${error.limit} uncached checks has ${error.remaining} left and this check needs ${error.requested}. ` +
    `It resets at ${formatUtc(error.resetsAt)} (in ${resetsIn}). ` +
    "Checking many numbers is what gets a business number banned; numbers checked before still answer from the cache."
  );
}

/** The text for an error the app raises on purpose; undefined for anything else (a bug, a library failure). */
export function describeKnownError(error: unknown, context: ErrorTextContext): string | undefined {
  if (error instanceof NotModeratorError) return notModerator(error, context.moderatorsConfigured);
  if (error instanceof ModeratorGroupsUnavailableError) return groupsUnavailable(error);
  if (error instanceof ReasonTooLongError)
    return `Not sent: ${error.message}. Shorten the reason and try again.`;
  if (error instanceof InvalidPhoneNumberError) {
    return `"${escapeMrkdwn(error.input)}" is not a number WhatsApp can use: ${escapeMrkdwn(error.message)}. Type it with its country code, e.g. ${EXAMPLE_NUMBER}.`;
  }
  if (error instanceof BudgetExhaustedError) return budgetExhausted(error, context.now);
  if (error instanceof BudgetUnavailableError) {
    return `Not checked, and no new look-up was sent to WhatsApp: the store that counts today's check budget does not answer, and this bot process's own allowance meanwhile (${error.allowance} a day, 5 % of the budget) has ${error.remaining} left for the ${error.requested} asked. Uncounted checks are how a business number gets banned. ${STORE_ADVICE}`;
  }
  if (error instanceof StoreUnreachableError) {
    return `The store is unreachable, so this cannot be shown right now. ${STORE_ADVICE}`;
  }
  if (error instanceof TooManyNumbersError) {
    return `Not checked: one check takes at most ${error.limit} numbers and this one has ${error.length}. Check fewer at a time.`;
  }
  if (error instanceof NotEngagedError) return notEngaged(error, context.now);
  if (error instanceof AuditNotStoredError) return auditNotStored(error, context);
  if (error instanceof UnsupportedRequestError) {
    return `That cannot be done here: ${escapeMrkdwn(error.message)}. Run the command again for a fresh answer.`;
  }
  if (error instanceof WhatsAppApiError) return whatsAppApi(error);
  if (error instanceof WhatsAppNoAnswerError) return noAnswer(error, context.action);
  if (error instanceof ParentBsuidError) {
    return `Not done: \`${escapeMrkdwn(error.bsuid)}\` is a parent BSUID (a whole business portfolio's user), which WhatsApp does not let anyone block or report. Use the contact's own BSUID or number.`;
  }
  if (error instanceof BsuidNeedsCloudError) {
    return `Not done: \`${escapeMrkdwn(error.bsuid)}\` is a BSUID, which only the Cloud API knows. Give the contact's phone number instead.`;
  }
  if (error instanceof CloudTokenRefusedError) {
    return "WhatsApp refused the bot's token, so nothing was changed. An operator must replace `WA_TOKEN` with a system-user token that has the whatsapp_business_messaging permission.";
  }
  if (error instanceof WhatsAppAuthError) {
    return "The bot could not log in to WhatsApp, so nothing was changed. An operator must fix `WA_USERNAME`/`WA_PASSWORD` (or `WA_TOKEN`).";
  }
  if (error instanceof WhatsAppTlsError) {
    return "The bot does not trust the WhatsApp server's certificate, so nothing was sent. An operator must set `WA_CA_FILE` to the server's certificate bundle.";
  }
  if (error instanceof WhatsAppBadResponseError) {
    return `WhatsApp answered with something the bot could not read (HTTP ${error.httpStatus}). ${RETRY_LATER} If it keeps happening, tell an operator.`;
  }
  if (error instanceof WhatsAppUnsupportedError) {
    return `This WhatsApp backend cannot do that: ${escapeMrkdwn(error.message)}.`;
  }
  if (error instanceof CommandUsageError) {
    return `${escapeMrkdwn(error.message)} Type \`/wa-check help\` to see every form.`;
  }
  if (error instanceof StaleInteractionError) {
    return error.surface === "form"
      ? "This form could not be read (it is from an older version). Open it again: *Report sender* on the message, or *Report…* on a check."
      : "This button no longer works (the message is from an older version). Run the command again.";
  }
  if (error instanceof Error) return slackRefusal(error);
  return undefined;
}

/** For an unexpected error: no details (they may hold internals), only the id under which it was logged. */
export function unknownErrorText(errorId: string): string {
  return `Something went wrong on our side (error id \`${errorId}\`). Try again; if it keeps failing, tell an operator and quote the error id.`;
}
