import type { AuditRecord, ContactHistory } from "../../moderation/types.js";
import { EXIT, type ExitCode } from "../exit.js";
import type { CliOutput } from "../output.js";
import type { CliSession } from "../session.js";
import { describeError } from "../text/error-words.js";
import { ago, utc } from "../text/time-words.js";

/** `history <number>`: the contact's moderation trail, newest first, as Slack shows it (docs/CONTRACT.md §4, §10). */
export async function history(session: CliSession, out: CliOutput, input: string): Promise<ExitCode> {
  let found: ContactHistory;
  try {
    found = await session.core.moderation.history(session.actor, input);
  } catch (error) {
    const words = describeError(error);
    if (out.json) out.data({ ok: false, input, error: words });
    out.note(`No history: ${words.message}`);
    return EXIT.failed;
  }
  if (out.json) {
    out.data({ ok: true, ...found });
    return EXIT.ok;
  }
  const now = Date.now();
  out.line(`History of ${found.display}`);
  out.line(
    found.lastInboundAt
      ? `  last wrote ${ago(found.lastInboundAt, now)} (${utc(found.lastInboundAt)}), message id ${found.lastMessageId ?? "unknown"}`
      : "  never seen writing",
  );
  if (found.lastCheck) {
    const { status, waId, checkedAt } = found.lastCheck;
    out.line(`  last check: ${status}${waId ? `, wa_id ${waId}` : ""}, ${ago(checkedAt, now)}`);
  }
  if (found.trail.length === 0) out.line("  no moderation action recorded");
  for (const record of found.trail) out.line(`  ${trailLine(record)}`);
  return EXIT.ok;
}

function trailLine(record: AuditRecord): string {
  const cause = record.waCode === undefined ? "" : `, WhatsApp ${record.waCode}`;
  const parts = [
    `${utc(record.at)}  ${record.actor} ${record.action}: ${record.outcome}`,
    record.reason === undefined ? undefined : `reason "${record.reason}"`,
    record.messageId === undefined ? undefined : `message id ${record.messageId}`,
    record.alsoBlock ? "also block" : undefined,
    record.errorCode === undefined ? undefined : `(${record.errorCode}${cause})`,
  ];
  return parts.filter((part) => part !== undefined).join(" · ");
}
