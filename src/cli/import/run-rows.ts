import { AuditNotStoredError } from "../../moderation/errors.js";
import type { Actor, ModerationService } from "../../moderation/types.js";
import {
  WhatsAppApiError,
  WhatsAppAuthError,
  WhatsAppNoAnswerError,
  WhatsAppTlsError,
} from "../../whatsapp/errors.js";
import type { StopSignal } from "../interrupt.js";
import type { Progress } from "../progress.js";
import { describeError } from "../text/error-words.js";
import type { BadRow, PlannedRow, RowAction } from "./plan.js";
import type { ImportProgress } from "./progress-record.js";

/**
 * Runs an import's rows through the moderation core (docs/CONTRACT.md §10): each block or unblock is audited
 * there, and recorded as finished here as soon as it is done. A few rows are in flight at once and the WhatsApp
 * client paces them (its rate limit, Retry-After): the import goes at the upstream's pace, with no waits of its own.
 */
export type RowResult =
  | { line: number; status: "done"; action: RowAction; contact: string; auditId: string }
  | { line: number; status: "skipped"; input: string; problem: string }
  | {
      line: number;
      status: "failed";
      input: string;
      action: RowAction;
      problem: string;
      code: string;
      waCode?: number;
    };

export interface RunDeps {
  moderation: Pick<ModerationService, "block" | "unblock">;
  actor: Actor;
  record: ImportProgress;
  display: Progress;
  signal: StopSignal;
  concurrency: number;
  warn: (text: string) => void;
}

export type Work =
  | { kind: "row"; row: PlannedRow }
  | { kind: "refused"; bad: BadRow & Required<Pick<BadRow, "refused">> };

/** In a row, this many failures that are not about the row (no answer, overloaded) stop the import. */
const OUTAGE_RUN = 5;

export async function runRows(deps: RunDeps, work: Work[]): Promise<RowResult[]> {
  const results: RowResult[] = [];
  let next = 0;
  let outage = 0;
  let recordWarned = false;
  const markFinished = async (line: number, action: RowAction, contact: string, auditId: string) => {
    await deps.record.markFinished(line, { action, contact, auditId }).catch(() => {
      if (!recordWarned)
        deps.warn("Warning: the store did not take the import's progress; a later run may redo some rows.");
      recordWarned = true;
    });
  };
  const runOne = async (item: Work): Promise<RowResult> => {
    const row = item.kind === "row" ? item.row : item.bad.refused;
    try {
      const result =
        row.action === "block"
          ? await deps.moderation.block(deps.actor, row.input, row.reason)
          : await deps.moderation.unblock(deps.actor, row.input);
      outage = 0;
      await markFinished(row.line, row.action, result.contact, result.record.id);
      return {
        line: row.line,
        status: "done",
        action: row.action,
        contact: result.contact,
        auditId: result.record.id,
      };
    } catch (error) {
      // A bad row: the core refused it before any call, and audited the refusal.
      if (item.kind === "refused")
        return { line: row.line, status: "skipped", input: row.input, problem: item.bad.problem };
      if (error instanceof AuditNotStoredError && error.record.outcome === "ok") {
        await markFinished(row.line, row.action, error.record.contact, error.record.id);
      }
      outage = isOutage(error) ? outage + 1 : 0;
      const stop = stopReason(error, outage);
      if (stop) deps.signal.stop(stop);
      const words = describeError(error);
      return {
        line: row.line,
        status: "failed",
        input: row.input,
        action: row.action,
        problem: words.message,
        code: words.code,
        ...(words.waCode === undefined ? {} : { waCode: words.waCode }),
      };
    }
  };
  const worker = async (): Promise<void> => {
    while (!deps.signal.requested && next < work.length) {
      const item = work[next++];
      if (item === undefined) break;
      results.push(await runOne(item));
      deps.display.advance();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, deps.concurrency) }, worker));
  return results.sort((a, b) => a.line - b.line);
}

function isOutage(error: unknown): boolean {
  if (error instanceof WhatsAppNoAnswerError) return true;
  return error instanceof WhatsAppApiError && (error.httpStatus === 429 || error.httpStatus >= 500);
}

/** Failures every further row would meet too: going on would only pile them up. */
function stopReason(error: unknown, outageRun: number): string | undefined {
  if (error instanceof WhatsAppAuthError) return "WhatsApp refused the login or token";
  if (error instanceof WhatsAppTlsError) return "the WhatsApp server's certificate is not trusted";
  if (error instanceof AuditNotStoredError) return "the store does not take audit records";
  if (outageRun >= OUTAGE_RUN) return `WhatsApp failed ${outageRun} rows in a row`;
  return undefined;
}
