import { escapeMrkdwn, mentionOf } from "../../common/mrkdwn.js";
import type { AuditRecord, ContactHistory } from "../../moderation/types.js";
import { formatAgo, formatUtc } from "../text/time-text.js";
import { type Block, context, type SlackMessage, section } from "./blocks.js";

/** A contact's moderation trail, newest first, with when it last wrote and the last contact check. */

/** Room for the header blocks and the "older entries" note within Slack's 50 blocks. */
const TRAIL_SHOWN = 40;

const OUTCOME: Record<AuditRecord["outcome"], string> = {
  ok: "done",
  refused: "refused",
  failed: "failed",
};

function recordText(record: AuditRecord, now: number): string {
  const what = record.action === "report" && record.alsoBlock ? "report and block" : record.action;
  const parts = [
    `*${what}* by ${mentionOf(record.actor)}`,
    `${formatAgo(record.at, now)} (${formatUtc(record.at)})`,
    OUTCOME[record.outcome],
  ];
  if (record.outcome !== "ok" && record.waCode !== undefined) parts.push(`WhatsApp error ${record.waCode}`);
  else if (record.outcome !== "ok" && record.errorCode !== undefined)
    parts.push(escapeMrkdwn(record.errorCode));
  const lines = [parts.join(" · ")];
  if (record.reason !== undefined) lines.push(`why: ${escapeMrkdwn(record.reason)}`);
  if (record.messageId !== undefined) lines.push(`message id \`${escapeMrkdwn(record.messageId)}\``);
  if (record.detail !== undefined) lines.push(escapeMrkdwn(record.detail));
  return lines.join("\n");
}

export function renderHistory(history: ContactHistory, now: number): SlackMessage {
  const shown = escapeMrkdwn(history.display);
  const facts: string[] = [];
  if (history.lastInboundAt === undefined) {
    facts.push("Last wrote: the bot has not seen it write.");
  } else {
    const id =
      history.lastMessageId === undefined ? "" : `, message id \`${escapeMrkdwn(history.lastMessageId)}\``;
    facts.push(
      `Last wrote ${formatAgo(history.lastInboundAt, now)} (${formatUtc(history.lastInboundAt)}${id}).`,
    );
  }
  const check = history.lastCheck;
  if (check === undefined) {
    facts.push("Last check: none cached.");
  } else {
    const waId = check.waId === undefined ? "" : `, wa_id \`${escapeMrkdwn(check.waId)}\``;
    facts.push(`Last check: *${escapeMrkdwn(check.status)}*${waId}, ${formatAgo(check.checkedAt, now)}.`);
  }
  const blocks: Block[] = [
    section(`*History of ${shown}* (${escapeMrkdwn(history.e164)})\n${facts.join("\n")}`),
  ];
  if (history.trail.length === 0) blocks.push(context("No moderation action on record."));
  const listed = history.trail.slice(0, TRAIL_SHOWN);
  for (const record of listed) blocks.push(section(recordText(record, now)));
  const total = Math.max(history.trailTotal ?? 0, history.trail.length);
  if (total > listed.length) {
    blocks.push(
      context(
        `The ${listed.length} most recent of ${total} entries. Every entry, for all contacts: ` +
          "`npx wa-moderator audit export`.",
      ),
    );
  }
  return { text: `History of ${shown}`, blocks };
}
