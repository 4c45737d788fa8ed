import type { CliOutput } from "../output.js";
import { shown } from "../text/error-words.js";
import type { BadRow, PlannedRow } from "./plan.js";
import type { RowResult } from "./run-rows.js";

/**
 * The end of an import (docs/CONTRACT.md §10): how many rows were done, skipped and failed, each named by its line
 * with the reason, and how to resume when the run stopped early. Exit status 0 only when every row was done.
 */
export interface ImportSummary {
  file: string;
  dryRun: boolean;
  rows: number;
  blocked: number;
  unblocked: number;
  /** Done by an earlier run of the same file: not sent again. */
  alreadyDone: number;
  skipped: Array<Pick<BadRow, "line" | "input" | "problem">>;
  failed: Array<Extract<RowResult, { status: "failed" }>>;
  /** Rows left when the run stopped early. */
  notAttempted: number;
  stopped?: string;
  /** The command that resumes this import. */
  resume?: string;
  /** Dry run: what a real run would send. */
  wouldDo?: Array<Pick<PlannedRow, "line" | "action" | "contact" | "reason">>;
}

export function succeeded(summary: ImportSummary): boolean {
  return summary.skipped.length === 0 && summary.failed.length === 0 && summary.notAttempted === 0;
}

export function printSummary(out: CliOutput, summary: ImportSummary): void {
  if (out.json) {
    out.data({ ok: succeeded(summary), ...summary });
    if (summary.stopped) out.note(`Stopped early (${summary.stopped}); to resume, run: ${summary.resume}`);
    return;
  }
  const { rows, alreadyDone, skipped, failed } = summary;
  if (summary.dryRun) {
    const plan = summary.wouldDo ?? [];
    for (const row of plan) {
      const reason = row.reason === undefined ? "" : ` (reason "${row.reason}")`;
      out.line(`line ${row.line}: would ${row.action} ${shown(row.contact)}${reason}`);
    }
    const blocks = plan.filter((row) => row.action === "block").length;
    out.line(
      `Dry run of ${summary.file}, nothing was changed: would block ${blocks} and unblock ${plan.length - blocks}; ${skipped.length} bad rows would be skipped (${rows} rows).`,
    );
  } else {
    out.line(
      `Import of ${summary.file}: ${summary.blocked} blocked, ${summary.unblocked} unblocked, ${skipped.length} skipped, ${failed.length} failed (${rows} rows).`,
    );
  }
  if (alreadyDone > 0) {
    out.line(
      `${alreadyDone} rows were done by an earlier run of this file and were not sent again (--restart sends them again).`,
    );
  }
  if (skipped.length > 0) out.line("Skipped (bad rows; fix them and import them again):");
  for (const row of skipped) out.line(`  line ${row.line}: ${row.problem}`);
  if (failed.length > 0) out.line("Failed:");
  for (const row of failed) out.line(`  line ${row.line} (${row.action} "${row.input}"): ${row.problem}`);
  if (summary.stopped !== undefined) {
    out.line(
      `Stopped early (${summary.stopped}): ${summary.notAttempted} rows not attempted. What was done is saved.`,
    );
    if (summary.resume) out.line(`To resume, run the same command again: ${summary.resume}`);
  } else if (summary.resume) {
    out.line(
      `Rows done are recorded; to retry the failed ones, run the same command again: ${summary.resume}`,
    );
  }
}
