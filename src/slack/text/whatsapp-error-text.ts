import { escapeMrkdwn } from "../../common/mrkdwn.js";
import { shownNumber } from "../../common/shown-number.js";
import type { NotEngagedError } from "../../moderation/errors.js";
import type { ModerationAction } from "../../moderation/types.js";
import {
  WaErrorCode,
  WhatsAppApiError,
  WhatsAppBusyError,
  type WhatsAppNoAnswerError,
} from "../../whatsapp/errors.js";
import { formatAgo, formatUtc } from "./time-text.js";

// WhatsApp's own answers in plain words: its error codes, the 24-hour rule, and no answer at all.

export const RETRY_LATER = "Nothing was changed as far as we know; try again in a minute.";

const WA_HINTS: Partial<Record<number, string>> = {
  [WaErrorCode.ParameterInvalid]: "Check the number (with its country code) and try again.",
  [WaErrorCode.UserNotValid]: "The number has no WhatsApp account, so there is nothing to act on.",
  [WaErrorCode.TooManyRequests]: `WhatsApp is rate-limiting the bot. ${RETRY_LATER}`,
  [WaErrorCode.Overloaded]: `The WhatsApp server is overloaded. ${RETRY_LATER}`,
  [WaErrorCode.CloudBlocklistFull]:
    "The blocklist is full (64,000 numbers); unblock some before blocking more.",
  [WaErrorCode.CloudBlocklistChanged]: "The blocklist changed while paging; run `/wa-check blocklist` again.",
  [WaErrorCode.CloudSelfBlock]: "That is the business's own number, which cannot block itself.",
  [WaErrorCode.CloudRateLimit]: `WhatsApp is rate-limiting the business number. ${RETRY_LATER}`,
  [WaErrorCode.GraphParameter]: "WhatsApp did not accept the contact as sent; check the number or BSUID.",
  [WaErrorCode.GraphPermission]:
    "The token lacks a permission: an operator must give `WA_TOKEN` the whatsapp_business_messaging permission.",
  [WaErrorCode.GraphPermissionDenied]:
    "The token lacks a permission: an operator must give `WA_TOKEN` the whatsapp_business_messaging permission.",
};

function twentyFourHourRule(): string {
  return (
    "WhatsApp only lets a business block or report a contact that wrote to it in the last 24 hours. " +
    "Try again after the contact next writes."
  );
}

// Cloud's 131047 also covers numbers with no WhatsApp account, so it proves nothing about the 24-hour window.
const CLOUD_NOT_ENGAGED =
  "WhatsApp gives this answer when the contact has not written to the business in the last 24 hours, " +
  "or has no WhatsApp account at all.";

export function notEngaged(error: NotEngagedError, now: number): string {
  const seen =
    error.lastInboundAt === undefined
      ? "The bot has not seen it write."
      : `It last wrote ${formatAgo(error.lastInboundAt, now)} (${formatUtc(error.lastInboundAt)}).`;
  const api = error.cause instanceof WhatsAppApiError ? error.cause : undefined;
  const title = api ? `WhatsApp error ${api.waCode} ${escapeMrkdwn(api.title)}` : "WhatsApp error 2048";
  const shown = shownNumber(error.e164);
  if (api?.waCode === WaErrorCode.CloudNotEngaged) {
    return `Not done: ${shown} could not be reached (${title}). ${CLOUD_NOT_ENGAGED} ${seen}`;
  }
  return `Not done: ${shown} is *not engaged* (${title}). ${twentyFourHourRule()} ${seen}`;
}

export function whatsAppApi(error: WhatsAppApiError): string {
  const title = `WhatsApp error ${error.waCode} ${escapeMrkdwn(error.title)}`;
  const details = error.details ? ` (${escapeMrkdwn(error.details)})` : "";
  if (error.waCode === WaErrorCode.NotEngaged) {
    return `Not done: the contact is *not engaged* (${title}). ${twentyFourHourRule()}`;
  }
  if (error.waCode === WaErrorCode.CloudNotEngaged) return `Not done (${title}). ${CLOUD_NOT_ENGAGED}`;
  const hint = WA_HINTS[error.waCode] ?? "Nothing was changed. If it happens again, tell an operator.";
  const trace = error.fbtraceId ? ` (trace id \`${escapeMrkdwn(error.fbtraceId)}\`)` : "";
  const repeated = error.mayHaveGoneThrough
    ? " WhatsApp did not answer an earlier try of the same request, which may have gone through."
    : "";
  return `WhatsApp refused this: ${title}${details}${trace}. ${hint}${repeated}`;
}

/**
 * WhatsApp did not answer. Nothing was changed unless the request may have reached it and was a report, which
 * the client never sends twice for that reason: then the moderator must look before reporting again.
 */
export function noAnswer(error: WhatsAppNoAnswerError, action: ModerationAction | undefined): string {
  if (error instanceof WhatsAppBusyError) {
    return "Not sent: the bot is at WhatsApp's rate limit (shared by all its replicas) and this request found no turn in time. Nothing was changed; try again in a minute.";
  }
  if (action === "report" && !error.neverSent) {
    return (
      "WhatsApp did not answer in time, so this report *may have gone through* (it is never sent twice on its own). " +
      "Look at `/wa-check history <number>` before reporting it again."
    );
  }
  return "WhatsApp did not answer; nothing was changed as far as we know; try again in a minute.";
}
