import type { BlocklistRow } from "../../moderation/types.js";
import { EXIT, type ExitCode } from "../exit.js";
import { walkBlocklist } from "../export/blocklist-walk.js";
import { type Cell, type ExportFormat, openTarget, tableWriter } from "../export/table-writer.js";
import type { CliOutput } from "../output.js";
import { startProgress } from "../progress.js";
import type { CliSession } from "../session.js";
import { describeError } from "../text/error-words.js";

/**
 * `blocklist export`: every blocked contact, page after page through the core, written as each page arrives
 * (docs/CONTRACT.md §10). The `number` column is what `blocklist import` reads, so an export can be imported back
 * (with `--unblock`, it unblocks everyone it lists).
 */
export interface ExportFlags {
  format: ExportFormat;
  output?: string;
  pageSize: number;
}

export const BLOCKLIST_COLUMNS = ["number", "wa_id", "bsuid", "username"] as const;

export async function exportBlocklist(
  session: CliSession,
  out: CliOutput,
  flags: ExportFlags,
): Promise<ExitCode> {
  const target = await openTarget(flags.output);
  const table = tableWriter(target.stream, flags.format, BLOCKLIST_COLUMNS);
  const progress = startProgress(out, "blocklist export", undefined);
  const written = new Set<string>();
  let pages = 0;
  let restarts = 0;
  let failure: unknown;
  try {
    const pagesOfRows = walkBlocklist({
      moderation: session.core.moderation,
      actor: session.actor,
      store: session.core.store,
      paging: session.core.backend.capabilities.blocklistPaging,
      pageSize: flags.pageSize,
      onRestart: (count) => {
        restarts = count;
        progress.note("The blocklist changed while it was read: starting again from the first page.");
      },
    });
    for await (const rows of pagesOfRows) {
      pages += 1;
      // After a restart the first pages come again: only contacts not written yet are added.
      const fresh = rows.filter((row) => !written.has(rowKey(row)));
      for (const row of fresh) written.add(rowKey(row));
      await table.write(fresh.map(exportRow));
      progress.advance(fresh.length);
    }
    await table.close();
  } catch (error) {
    failure = error;
  } finally {
    progress.stop();
    await target.end().catch(() => undefined);
  }
  const summary = { ok: failure === undefined, exported: written.size, pages, restarts };
  const into = flags.output ? ` to ${flags.output}` : "";
  if (failure !== undefined) {
    const words = describeError(failure);
    const partial = flags.output ? `${flags.output} is incomplete` : "The output is incomplete";
    out.note(
      `Export stopped: ${words.message} ${partial}: it holds the ${written.size} contacts read before.`,
    );
    if (out.json && flags.output) out.data({ ...summary, error: words });
    return EXIT.failed;
  }
  if (out.json && flags.output) out.data({ ...summary, output: flags.output });
  const again =
    restarts > 0 ? `, starting again ${count(restarts, "time")} as the list changed meanwhile` : "";
  out.note(`Exported ${count(written.size, "blocked contact")}${into} in ${count(pages, "page")}${again}.`);
  return EXIT.ok;
}

function rowKey(row: BlocklistRow): string {
  return row.waId ?? row.bsuid ?? row.display;
}

function exportRow(row: BlocklistRow): Record<string, Cell> {
  return {
    number: row.e164 ?? null,
    wa_id: row.waId ?? null,
    bsuid: row.bsuid ?? null,
    username: row.username ?? null,
  };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
