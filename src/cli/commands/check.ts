import type { CheckReport, CheckRow, LocalFacts } from "../../moderation/types.js";
import { formatForPeople } from "../../phone/index.js";
import { EXIT, type ExitCode } from "../exit.js";
import type { CliOutput } from "../output.js";
import type { CliSession } from "../session.js";
import { describeError } from "../text/error-words.js";
import { ago, duration, utc } from "../text/time-words.js";

/**
 * `check <numbers…>` through the core (docs/CONTRACT.md §1.3, §10): On-Premises asks WhatsApp, within the daily
 * budget and cache; Cloud answers from what the bot knows and says where each fact comes from.
 */
export interface CheckFlags {
  force?: boolean;
  wait?: boolean;
}

const INCOMPLETE: ReadonlySet<string> = new Set(["unparseable", "failed", "processing"]);

export async function check(
  session: CliSession,
  out: CliOutput,
  inputs: string[],
  flags: CheckFlags,
): Promise<ExitCode> {
  let report: CheckReport;
  try {
    report = await session.core.moderation.check(session.actor, {
      inputs,
      ...(flags.force ? { force: true } : {}),
      ...(flags.wait ? { wait: true } : {}),
    });
  } catch (error) {
    const words = describeError(error);
    if (out.json) out.data({ ok: false, error: words });
    out.note(`Not checked: ${words.message}`);
    return EXIT.failed;
  }
  // A number that could not be read, or that WhatsApp could not settle, is a check that did not succeed.
  const incomplete = report.rows.some((row) => INCOMPLETE.has(row.status));
  if (out.json) out.data({ ok: !incomplete, ...report });
  else printReport(out, report);
  return incomplete ? EXIT.failed : EXIT.ok;
}

function printReport(out: CliOutput, report: CheckReport): void {
  const now = Date.now();
  if (report.source === "local") {
    out.line("The Cloud API has no contact check: each line says what the bot itself knows, and from where.");
  }
  if (!report.statusIsSignal) {
    out.line(
      `WhatsApp API ${report.apiVersion ?? "v2.43+"} answers "valid" for every number: it says nothing about a WhatsApp account.`,
    );
  }
  for (const row of report.rows) {
    out.line(rowLine(row));
    for (const warning of row.warnings) out.line(`    note: ${warning.message}`);
    if (row.local) for (const fact of localFacts(row.local, now)) out.line(`    ${fact}`);
  }
  if (report.budget) {
    const { used, limit, resetsAt } = report.budget;
    out.line(`Budget: ${used} of ${limit} uncached checks used today (resets ${utc(resetsAt)}).`);
  }
  if (report.cacheWarning) out.note(`Warning: ${report.cacheWarning}`);
}

function rowLine(row: CheckRow): string {
  const shown = row.e164 ? formatForPeople(row.e164) : row.bsuid;
  const typed = shown === undefined ? `"${row.input}"` : `${shown} (typed "${row.input}")`;
  if (row.status === "unparseable") return `${typed}: not a usable number: ${row.refusal ?? "unreadable"}`;
  if (row.status === "unchecked") return `${typed}: not checked upstream`;
  const waId = row.waId ? `, wa_id ${row.waId}` : "";
  const source = row.cached ? `from the cache, ${duration(row.ageMs ?? 0)} old` : "fresh from WhatsApp";
  const hint =
    row.status === "processing" ? "; WhatsApp is still processing it: check again in a minute" : "";
  return `${typed}: ${row.status}${waId} (${source})${hint}`;
}

function localFacts(facts: LocalFacts, now: number): string[] {
  const lines: string[] = [];
  if (facts.bsuid) lines.push(`BSUID ${facts.bsuid} (from webhooks)`);
  if (facts.username) lines.push(`username ${facts.username} (from webhooks)`);
  if (facts.blockedHere !== undefined) {
    lines.push(`${facts.blockedHere ? "blocked" : "not blocked"} by the bot's own record (audit trail)`);
  }
  if (facts.lastInboundAt) {
    const window = facts.windowOpen ? "24-hour window open" : "24-hour window closed";
    lines.push(`last wrote ${ago(facts.lastInboundAt, now)}, ${window} (relay)`);
  } else {
    lines.push("never seen writing (relay)");
  }
  if (facts.lastAction) {
    const { action, outcome, at, actor } = facts.lastAction;
    lines.push(`last action: ${action} ${outcome} by ${actor}, ${ago(at, now)} (audit trail)`);
  }
  return lines;
}
