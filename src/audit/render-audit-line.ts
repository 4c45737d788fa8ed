import { escapeMrkdwn, fitMrkdwn, mentionOf, slackDate } from "../common/mrkdwn.js";
import { shownNumber } from "../common/shown-number.js";
import type { AuditOutcome, AuditRecord, ModerationAction } from "../moderation/types.js";

export interface RenderedAuditLine {
  text: string;
  blocks: unknown[];
}

const OUTCOME_ICONS: Record<AuditOutcome, string> = { ok: "✅", refused: "⛔", failed: "❌" };
const DONE: Record<ModerationAction, string> = { block: "blocked", unblock: "unblocked", report: "reported" };
// WhatsApp's error details can be long; the full record stays in the store.
const DETAIL_LIMIT = 300;

function actionPhrase(record: AuditRecord): string {
  const alsoBlock = record.action === "report" && record.alsoBlock === true;
  if (record.outcome === "ok") {
    return alsoBlock ? `${DONE.report} and blocked` : DONE[record.action];
  }
  return alsoBlock ? "tried to report and block" : `tried to ${record.action}`;
}

function outcomePhrase(record: AuditRecord): string | undefined {
  if (record.outcome === "ok") return undefined;
  const causes = [
    record.errorCode === undefined ? undefined : escapeMrkdwn(record.errorCode),
    record.waCode === undefined ? undefined : `WhatsApp ${escapeMrkdwn(String(record.waCode))}`,
  ];
  const cause = causes.filter((part) => part !== undefined).join(", ");
  return cause ? `${record.outcome} (${cause})` : record.outcome;
}

/** One readable line per moderation action: who did what to whom, why, and how it ended. */
export function renderAuditLine(record: AuditRecord): RenderedAuditLine {
  const parts = [
    `${OUTCOME_ICONS[record.outcome]} ${mentionOf(record.actor)} ${actionPhrase(record)} ${shownNumber(record.contact, { quoteTyped: true })}`,
    outcomePhrase(record),
    record.reason === undefined ? undefined : `reason: "${escapeMrkdwn(record.reason)}"`,
    record.messageId === undefined ? undefined : `message id: ${escapeMrkdwn(record.messageId)}`,
  ];
  const line = parts.filter((part) => part !== undefined).join(" · ");
  const at = Date.parse(record.at);
  const context = [
    Number.isNaN(at) ? escapeMrkdwn(record.at) : slackDate(Math.floor(at / 1000)),
    `audit id: ${escapeMrkdwn(record.id)}`,
    record.detail === undefined ? undefined : fitMrkdwn(record.detail, DETAIL_LIMIT).text,
  ];
  return {
    text: line,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: line } },
      {
        type: "context",
        elements: context.flatMap((text) => (text === undefined ? [] : [{ type: "mrkdwn", text }])),
      },
    ],
  };
}
