import { listAuditRecords } from "../../moderation/audit-listing.js";
import type { AuditRecord } from "../../moderation/types.js";
import { EXIT, type ExitCode } from "../exit.js";
import { type Cell, type ExportFormat, openTarget, tableWriter } from "../export/table-writer.js";
import type { CliOutput } from "../output.js";
import type { CliSession } from "../session.js";
import { describeError } from "../text/error-words.js";

/**
 * `audit export`: every audit record, whichever door it came through (command, button, modal, CLI), oldest first
 * (docs/CONTRACT.md §5, §10).
 */
export interface AuditExportFlags {
  format: ExportFormat;
  output?: string;
  since?: Date;
}

/** The record's fields in column order; each column is named for its field in snake_case. */
const FIELDS = [
  "at",
  "actor",
  "action",
  "contact",
  "outcome",
  "reason",
  "messageId",
  "alsoBlock",
  "errorCode",
  "waCode",
  "detail",
  "id",
] as const satisfies ReadonlyArray<keyof AuditRecord>;

const COLUMNS = FIELDS.map((field) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`));

const WRITE_BATCH = 500;

export async function exportAudit(
  session: CliSession,
  out: CliOutput,
  flags: AuditExportFlags,
): Promise<ExitCode> {
  const target = await openTarget(flags.output);
  let records: AuditRecord[];
  try {
    records = await listAuditRecords(session.core.store, flags.since);
  } catch (error) {
    await target.end().catch(() => undefined);
    const words = describeError(error);
    if (out.json && flags.output) out.data({ ok: false, error: words });
    out.note(`Audit export failed: ${words.message}`);
    return EXIT.failed;
  }
  const table = tableWriter(target.stream, flags.format, COLUMNS);
  for (let start = 0; start < records.length; start += WRITE_BATCH) {
    await table.write(records.slice(start, start + WRITE_BATCH).map(auditRow));
  }
  await table.close();
  await target.end();
  const since = flags.since ? ` since ${flags.since.toISOString()}` : "";
  const into = flags.output ? ` to ${flags.output}` : "";
  if (out.json && flags.output) out.data({ ok: true, exported: records.length, output: flags.output });
  out.note(`Exported ${records.length} audit records${since}${into}.`);
  return EXIT.ok;
}

/** Absent fields are empty cells. */
function auditRow(record: AuditRecord): Record<string, Cell> {
  return Object.fromEntries(FIELDS.map((field, index) => [COLUMNS[index], record[field] ?? null]));
}
