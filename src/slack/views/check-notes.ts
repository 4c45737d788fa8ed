import { escapeMrkdwn } from "../../common/mrkdwn.js";
import type { CheckReport, CheckRow } from "../../moderation/types.js";
import { plural } from "../text/text-rules.js";
import { formatUtc } from "../text/time-text.js";

/**
 * The sentences of a check's answer that depend on where its answers came from: WhatsApp now, the cache, or
 * nowhere (nothing readable was typed, or the Cloud API, which has no contact check).
 */

/** Whether a row's "valid" says anything: its own answer's word, else the report's. */
export function rowStatusIsSignal(row: CheckRow, report: CheckReport): boolean {
  return row.statusIsSignal ?? report.statusIsSignal;
}

/** Rows the check could ask WhatsApp (or its cache) about: every row but the unreadable ones. */
function askable(report: CheckReport): CheckRow[] {
  return report.rows.filter((row) => row.status !== "unparseable");
}

export function sourceSentence(report: CheckReport): string {
  if (report.source === "local") {
    return "Answered from what this bot knows: WhatsApp's Cloud API has no contact check, and none was sent.";
  }
  const asked = askable(report);
  if (asked.length === 0) return "No number could be read, so nothing was asked of WhatsApp.";
  if (asked.every((row) => row.cached)) return "Answered from this bot's cache of WhatsApp's contact check.";
  return "Answered by WhatsApp's contact check.";
}

export function budgetSentence(report: CheckReport): string {
  const { budget } = report;
  if (budget !== undefined) {
    return `Uncached checks today: ${budget.used} of ${budget.limit} (resets ${formatUtc(budget.resetsAt)}).`;
  }
  if (report.source === "local" || askable(report).length === 0) {
    return "No look-up spent: nothing was asked of WhatsApp.";
  }
  return "Every answer came from the cache: no look-up spent.";
}

/**
 * From API v2.43 on every number comes back "valid". Said of the server only when it answered so just now; answers
 * kept from such a server are named as the cache's, whatever version the server reports today.
 */
export function apiVersionNote(report: CheckReport): string | undefined {
  const untrusted = report.rows.filter(
    (row) => row.status !== "unparseable" && !rowStatusIsSignal(row, report),
  );
  if (untrusted.length === 0) return undefined;
  const meaning = 'every number comes back "valid" and the wa_id cannot be trusted';
  if (untrusted.some((row) => !row.cached)) {
    return (
      `:warning: This WhatsApp server runs API ${escapeMrkdwn(report.apiVersion ?? "v2.43 or later")}. ` +
      `From v2.43 on ${meaning}, so *"valid" does not mean the contact has WhatsApp*.`
    );
  }
  const versions = [...new Set(untrusted.map((row) => row.apiVersion ?? "v2.43 or later"))];
  return (
    `:warning: ${plural(untrusted.length, "answer")} came from the cache, saved when the server ran API ` +
    `${escapeMrkdwn(versions.join(", "))}, where ${meaning}: *there, "valid" does not mean the contact has ` +
    "WhatsApp*. Check again with `--force` to ask the server as it is now."
  );
}
