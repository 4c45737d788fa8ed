import { EXIT, type ExitCode } from "../exit.js";
import { type ImportPlan, planImport } from "../import/plan.js";
import { importProgress } from "../import/progress-record.js";
import type { ImportFile } from "../import/read-csv.js";
import { type RowResult, type RunDeps, runRows, type Work } from "../import/run-rows.js";
import { type ImportSummary, printSummary, succeeded } from "../import/summary.js";
import { listenForInterrupt } from "../interrupt.js";
import type { CliOutput } from "../output.js";
import { startProgress } from "../progress.js";
import { type CliSession, withSession } from "../session.js";

/**
 * `blocklist import FILE`: bulk block or unblock from CSV (docs/CONTRACT.md §10), every row through the moderation
 * core; bad rows are named by their line and skipped; resumable from the progress record in the store; `--dry-run`
 * only says what would be done.
 */
export interface ImportFlags {
  unblock: boolean;
  dryRun: boolean;
  restart: boolean;
  concurrency: number;
}

/** `file` is read (and its header checked) by the caller before anything is opened: bad usage costs nothing. */
export async function importBlocklist(
  out: CliOutput,
  file: ImportFile,
  flags: ImportFlags,
): Promise<ExitCode> {
  const path = file.path;
  return withSession(async (session) => {
    const backend = session.core.backend.name;
    const plan = planImport(file.rows, {
      unblockAll: flags.unblock,
      country: session.config.whatsapp.defaultCountry,
      bsuids: backend === "cloud" || backend === "sandbox-cloud",
    });
    const record = importProgress(session.core.store, file.hash, flags.unblock ? "unblock-all" : "as-listed");
    const lines = plan.rows.map((row) => row.line);
    if (flags.restart && !flags.dryRun) await record.forget(lines);
    const finished = flags.restart ? new Set<number>() : await record.finished(lines);
    const pending = plan.rows.filter((row) => !finished.has(row.line));
    const summary: ImportSummary = {
      file: path,
      dryRun: flags.dryRun,
      rows: file.rows.length,
      blocked: 0,
      unblocked: 0,
      alreadyDone: finished.size,
      skipped: plan.bad.map(({ line, input, problem }) => ({ line, input, problem })),
      failed: [],
      notAttempted: 0,
    };
    if (flags.dryRun) {
      summary.wouldDo = pending.map(({ line, action, contact, reason }) => ({
        line,
        action,
        contact,
        ...(reason === undefined ? {} : { reason }),
      }));
    } else {
      if (finished.size > 0) {
        out.note(
          `Resuming: ${finished.size} rows were done by an earlier run of this file; ${pending.length} to go.`,
        );
      }
      const { results, stopped } = await run(
        session,
        out,
        { record, concurrency: flags.concurrency },
        workOf(pending, plan),
      );
      if (stopped !== undefined) summary.stopped = stopped;
      const pendingLines = new Set(pending.map((row) => row.line));
      tally(summary, results, pendingLines, resumeCommand(path, flags.unblock));
    }
    printSummary(out, summary);
    return succeeded(summary) ? EXIT.ok : EXIT.failed;
  });
}

/** The rows to send, in file order: the planned ones, and the bad ones the core must refuse (and audit). */
function workOf(pending: ImportPlan["rows"], plan: ImportPlan): Work[] {
  const work: Work[] = pending.map((row) => ({ kind: "row", row }));
  for (const bad of plan.bad)
    if (bad.refused) work.push({ kind: "refused", bad: { ...bad, refused: bad.refused } });
  const lineOf = (item: Work) => (item.kind === "row" ? item.row.line : item.bad.line);
  return work.sort((a, b) => lineOf(a) - lineOf(b));
}

/** Runs the rows with Ctrl-C handled and progress shown; `stopped` says why the run ended early, if it did. */
async function run(
  session: CliSession,
  out: CliOutput,
  options: Pick<RunDeps, "record" | "concurrency">,
  work: Work[],
): Promise<{ results: RowResult[]; stopped: string | undefined }> {
  const display = startProgress(out, "import", work.length);
  const interrupt = listenForInterrupt((text) => display.note(text), "the import");
  try {
    const results = await runRows(
      {
        ...options,
        moderation: session.core.moderation,
        actor: session.actor,
        display,
        signal: interrupt.signal,
        warn: (text) => display.note(text),
      },
      work,
    );
    return { results, stopped: interrupt.signal.reason };
  } finally {
    display.stop();
    interrupt.dispose();
  }
}

function tally(summary: ImportSummary, results: RowResult[], pending: Set<number>, resume: string): void {
  const done = new Set<number>();
  for (const result of results) {
    if (result.status === "done") {
      done.add(result.line);
      if (result.action === "block") summary.blocked += 1;
      else summary.unblocked += 1;
    }
    if (result.status === "failed") summary.failed.push(result);
  }
  // A row set aside as bad that the core accepted after all was done, not skipped.
  summary.skipped = summary.skipped.filter((row) => !done.has(row.line));
  summary.notAttempted = pending.size - results.filter((result) => pending.has(result.line)).length;
  if (summary.stopped !== undefined || summary.failed.length > 0) summary.resume = resume;
}

/** How to run this import again: the same file, the same mode. */
function resumeCommand(path: string, unblock: boolean): string {
  const quoted = /^[\w./@:+-]+$/.test(path) ? path : `'${path.replace(/'/g, "'\\''")}'`;
  return `npx wa-moderator blocklist import ${quoted}${unblock ? " --unblock" : ""}`;
}
