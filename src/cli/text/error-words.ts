import { AppError } from "../../common/app-error.js";
import {
  AuditNotStoredError,
  BsuidNeedsCloudError,
  BudgetExhaustedError,
  BudgetUnavailableError,
  NotEngagedError,
  ParentBsuidError,
  ReasonTooLongError,
  StoreUnreachableError,
  TooManyNumbersError,
} from "../../moderation/errors.js";
import { InvalidPhoneNumberError } from "../../phone/errors.js";
import { formatForPeople } from "../../phone/index.js";
import { StoreUnavailableError, StoreUrlError } from "../../store/errors.js";
import {
  WaErrorCode,
  WhatsAppApiError,
  WhatsAppAuthError,
  WhatsAppBadResponseError,
  WhatsAppBusyError,
  WhatsAppConnectionError,
  WhatsAppTimeoutError,
  WhatsAppTlsError,
} from "../../whatsapp/errors.js";
import { ago, utc } from "./time-words.js";

/**
 * Every refusal and failure in plain words for a terminal (docs/CONTRACT.md §10): what happened and what to do.
 * Messages of the app's own errors never hold a secret; the output masks token-shaped text all the same.
 */
export interface ErrorWords {
  /** Stable, for scripts (`--json`): the app error's code, or "unexpected". */
  code: string;
  message: string;
  /** WhatsApp's own error code, when it gave one. */
  waCode?: number;
}

const TRY_LATER = "Nothing was changed as far as we know; try again in a minute.";

export function describeError(error: unknown, now = Date.now()): ErrorWords {
  const code = error instanceof AppError ? error.code : "unexpected";
  const api = apiErrorOf(error);
  return { code, message: words(error, now), ...(api ? { waCode: api.waCode } : {}) };
}

function apiErrorOf(error: unknown): WhatsAppApiError | undefined {
  if (error instanceof WhatsAppApiError) return error;
  return error instanceof Error && error.cause instanceof WhatsAppApiError ? error.cause : undefined;
}

function words(error: unknown, now: number): string {
  if (error instanceof NotEngagedError) return notEngaged(error, now);
  if (error instanceof ReasonTooLongError) return `${error.message}. Shorten it.`;
  if (error instanceof InvalidPhoneNumberError) {
    return `${error.message}. Write the number with its country code, e.g. +1 631 555 1001.`;
  }
  if (error instanceof BsuidNeedsCloudError || error instanceof ParentBsuidError) return error.message;
  if (error instanceof TooManyNumbersError) return `${error.message}: check fewer numbers at a time.`;
  if (error instanceof BudgetExhaustedError) {
    return `Not checked: ${error.message}. Checking many numbers is what gets a business number banned.`;
  }
  if (error instanceof BudgetUnavailableError) {
    return `Not checked: the store that counts today's check budget does not answer, and this process's own allowance meanwhile (${error.allowance} a day) has ${error.remaining} left for the ${error.requested} asked. Check STORE_URL and try again.`;
  }
  if (error instanceof StoreUnreachableError)
    return `${error.message}. Check STORE_URL and that the store is running.`;
  if (error instanceof AuditNotStoredError) return auditNotStored(error, now);
  if (error instanceof WhatsAppApiError) return whatsAppRefused(error);
  if (error instanceof WhatsAppBusyError) return `Not sent: ${error.message}. ${TRY_LATER}`;
  if (error instanceof WhatsAppTimeoutError || error instanceof WhatsAppConnectionError) {
    return `WhatsApp did not answer (${error.message}). ${TRY_LATER}`;
  }
  if (error instanceof WhatsAppAuthError) {
    return `WhatsApp refused the login: ${error.message}. Fix WA_USERNAME and WA_PASSWORD (or WA_TOKEN).`;
  }
  if (error instanceof WhatsAppTlsError) {
    return `The WhatsApp server's certificate is not trusted (${error.message}): set WA_CA_FILE to its certificate bundle.`;
  }
  if (error instanceof WhatsAppBadResponseError) {
    return `WhatsApp answered with something unreadable (HTTP ${error.httpStatus}). ${TRY_LATER}`;
  }
  if (error instanceof StoreUnavailableError || error instanceof StoreUrlError) {
    return `${error.message}. Check STORE_URL and that the store is running.`;
  }
  if (error instanceof AppError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `Something unexpected went wrong: ${message}. Run again with LOG_LEVEL=debug for details.`;
}

function notEngaged(error: NotEngagedError, now: number): string {
  const api = apiErrorOf(error);
  const title = api ? `WhatsApp error ${api.waCode} ${api.title}` : "WhatsApp error 2048";
  const seen =
    error.lastInboundAt === undefined
      ? "The bot has not seen it write."
      : `It last wrote ${ago(error.lastInboundAt, now)} (${utc(error.lastInboundAt)}).`;
  const contact = shown(error.e164);
  if (api?.waCode === WaErrorCode.CloudNotEngaged) {
    return `${contact} could not be reached (${title}): it has not written to the business in the last 24 hours, or has no WhatsApp account. ${seen}`;
  }
  return `${contact} is not engaged (${title}): WhatsApp lets a business block or report only a contact that wrote to it in the last 24 hours. Try again after it next writes. ${seen}`;
}

/** "+1 631-555-1001" for a number; a BSUID as it is. */
export function shown(contact: string): string {
  return /^\+\d+$/.test(contact) ? formatForPeople(contact) : contact;
}

function whatsAppRefused(error: WhatsAppApiError): string {
  const details = error.details ? ` (${error.details})` : "";
  const trace = error.fbtraceId ? ` [trace id ${error.fbtraceId}]` : "";
  const maybe = error.mayHaveGoneThrough ? " An earlier try got no answer and may have gone through." : "";
  const transient = error.httpStatus === 429 || error.httpStatus >= 500;
  const hint = transient ? TRY_LATER : "Nothing was changed.";
  return `WhatsApp refused this: error ${error.waCode} ${error.title}${details}${trace}. ${hint}${maybe}`;
}

function auditNotStored(error: AuditNotStoredError, now: number): string {
  const { record } = error;
  const keep = `The full record is in the log under audit id ${record.id}; restore it from there.`;
  if (record.outcome === "ok") {
    return `The ${record.action} of ${shown(record.contact)} went through, but its audit record was not stored yet. ${keep}`;
  }
  const why = error.actionError ? words(error.actionError, now) : `The ${record.action} ${record.outcome}.`;
  return `${why} Its audit record was not stored yet either. ${keep}`;
}
