import type { types } from "@slack/bolt";
import { escapeMrkdwn } from "../../common/mrkdwn.js";
import type { CheckReport, CheckRow } from "../../moderation/types.js";
import { formatForPeople } from "../../phone/index.js";
import { ActionId } from "../ids.js";
import { encodeRecheckValue, encodeRowValue, recheckInputs } from "../input/button-values.js";
import { plural, truncate } from "../text/text-rules.js";
import { formatAge } from "../text/time-text.js";
import { actions, type Block, button, context, fitBlocks, type SlackMessage, section } from "./blocks.js";
import { apiVersionNote, budgetSentence, rowStatusIsSignal, sourceSentence } from "./check-notes.js";
import { localFactLines } from "./local-facts.js";

/**
 * The answer to `/wa-check <numbers>`: one row per number with what was typed, the E.164 number WhatsApp sees,
 * warnings, the status and where it came from, and Block / Report buttons.
 */

const INPUT_SHOWN = 64;

function statusText(row: CheckRow, statusIsSignal: boolean): string {
  switch (row.status) {
    case "valid":
      return statusIsSignal
        ? "*valid*: has a WhatsApp account"
        : "*valid* (from API v2.43 this says nothing; see above)";
    case "invalid":
      return "*invalid*: no WhatsApp account";
    case "processing":
      return "*still being processed* by WhatsApp; re-check in a moment";
    case "failed":
      return "*failed*: WhatsApp could not check it; try again later";
    case "unparseable":
      return `*not a number*: ${escapeMrkdwn(row.refusal ?? "it could not be read")}`;
    case "unchecked":
      return "*not checked*: WhatsApp's Cloud API has no contact check";
  }
}

function rowText(row: CheckRow, report: CheckReport, now: number): string {
  const typed = `\`${escapeMrkdwn(truncate(row.input, INPUT_SHOWN))}\``;
  const target =
    row.e164 !== undefined
      ? ` → *${escapeMrkdwn(formatForPeople(row.e164))}* (${row.e164})`
      : row.bsuid !== undefined
        ? ` → BSUID \`${escapeMrkdwn(row.bsuid)}\``
        : "";
  const signal = rowStatusIsSignal(row, report);
  const facts = [statusText(row, signal)];
  if (row.waId !== undefined) {
    facts.push(`wa_id \`${escapeMrkdwn(row.waId)}\`${signal ? "" : " (not trustworthy)"}`);
  }
  if (row.status !== "unparseable" && row.status !== "unchecked") {
    facts.push(row.cached ? `cached ${formatAge(row.ageMs ?? 0)}` : "fresh");
  }
  const lines = [`${typed}${target}`, facts.join(" · ")];
  if (row.local !== undefined) lines.push(...localFactLines(row.local, now));
  for (const warning of row.warnings) lines.push(`:warning: ${escapeMrkdwn(warning.message)}`);
  return lines.join("\n");
}

function rowButtons(row: CheckRow, recheckValue: string): types.Button[] {
  const contact = row.e164 ?? row.bsuid;
  if (contact === undefined) return [];
  const shown = row.e164 === undefined ? contact : formatForPeople(row.e164);
  const buttons: types.Button[] = [];
  if (row.status === "processing") {
    buttons.push(
      button({ text: "Re-check", actionId: ActionId.Recheck, value: recheckValue, style: "primary" }),
    );
  }
  buttons.push(
    button({
      text: "Block",
      actionId: ActionId.CheckBlock,
      value: encodeRowValue(contact),
      style: "danger",
      confirm: {
        title: `Block ${shown}?`,
        text: `${shown} will no longer be able to message the business. WhatsApp only allows this within 24 hours of the contact's last message.`,
        confirm: "Block",
      },
    }),
    button({ text: "Report…", actionId: ActionId.CheckReport, value: encodeRowValue(contact) }),
  );
  return buttons;
}

function summary(report: CheckReport): string {
  const counts = new Map<string, number>();
  for (const row of report.rows) counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
  const parts = [...counts].map(([status, count]) => `${count} ${status}`);
  return `*Checked ${plural(report.rows.length, "number")}*: ${parts.join(", ")}. ${sourceSentence(report)}`;
}

export function renderCheckResult(report: CheckReport, now = Date.now()): SlackMessage {
  // Unreadable inputs are not worth re-sending.
  const readable = report.rows.flatMap((row) =>
    row.e164 === undefined ? [] : [{ input: row.input, e164: row.e164 }],
  );
  const recheckValue = encodeRecheckValue(recheckInputs(readable));
  const blocks: Block[] = [section(summary(report))];
  const versionNote = apiVersionNote(report);
  if (versionNote !== undefined) blocks.push(section(versionNote));
  report.rows.forEach((row, index) => {
    blocks.push(section(rowText(row, report, now)));
    const buttons = rowButtons(row, recheckValue);
    if (buttons.length > 0) blocks.push(actions(buttons, `row-${index}`));
  });
  const footer = [budgetSentence(report)];
  if (report.cacheWarning !== undefined) footer.push(`:warning: ${escapeMrkdwn(report.cacheWarning)}`);
  blocks.push(context(...footer));
  return {
    text: `Checked ${plural(report.rows.length, "number")}`,
    blocks: fitBlocks(
      blocks,
      (hidden) => `${hidden} more blocks did not fit in one Slack message; check fewer numbers.`,
    ),
  };
}
