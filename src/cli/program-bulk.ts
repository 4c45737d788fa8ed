import { type Command, Option } from "commander";
import { inSession, type Run } from "./command-run.js";
import type { ExportFormat } from "./export/table-writer.js";
import { exportFormat, since, wholeNumber } from "./options.js";

/**
 * Long work: the whole blocklist out or in, and the audit trail out (docs/CONTRACT.md §10). Each command's code is
 * loaded when it runs, so `--help` does not start the app.
 */

const formatOption = () =>
  new Option(
    "--format <format>",
    "csv (with a header row) or json (one array); default csv, json with --json",
  ).choices(["csv", "json"]);

const EXPORT_HELP = `
Columns: number (E.164, empty for a contact known only by its BSUID), wa_id, bsuid, username. The file can be
imported back: with --unblock, that unblocks every contact it lists.

Examples:
  wa-moderator blocklist export > blocked.csv
  wa-moderator blocklist export --format json --output blocked.json`;

const IMPORT_HELP = `
The file is CSV with a header row on line 1. Columns:
  number   required: the number with its country code (without +, the business country's), or a BSUID on Cloud
  reason   why (blocks only), under 60 characters
  action   block or unblock; empty means block; --unblock makes every row an unblock
A bad row (not a number, reason too long, the same contact twice, unknown action) is reported by its line number
and skipped; the rest goes on. Progress is kept in the store as rows finish: after Ctrl-C or a failure, run the
same command again and it skips the rows already done. Rows go at WhatsApp's pace (its rate limit).

Examples:
  wa-moderator blocklist import overnight-spam.csv --dry-run
  wa-moderator blocklist import overnight-spam.csv
  wa-moderator blocklist export --output blocked.csv && wa-moderator blocklist import blocked.csv --unblock`;

interface ExportOptions {
  format?: ExportFormat;
  output?: string;
  pageSize: number;
}

interface ImportOptions {
  unblock?: boolean;
  dryRun?: boolean;
  restart?: boolean;
  concurrency: number;
}

interface AuditOptions {
  since?: Date;
  format?: ExportFormat;
  output?: string;
}

export function addBulkCommands(program: Command, run: Run): void {
  const blocklist = program.command("blocklist").description("export or import the whole blocklist");

  blocklist
    .command("export")
    .description("write every blocked contact, streamed page by page as WhatsApp gives them")
    .addOption(formatOption())
    .option("--output <file>", "write to this file instead of stdout")
    .option("--page-size <rows>", "rows per call to WhatsApp (1 to 200)", wholeNumber(1, 200), 100)
    .addHelpText("after", EXPORT_HELP)
    .action((flags: ExportOptions, command: Command) =>
      run(command, async (out) => {
        const { exportBlocklist } = await import("./commands/blocklist-export.js");
        const options = {
          format: exportFormat(flags.format, out.json),
          pageSize: flags.pageSize,
          ...(flags.output === undefined ? {} : { output: flags.output }),
        };
        return inSession((session) => exportBlocklist(session, out, options));
      }),
    );

  blocklist
    .command("import")
    .description("block (or unblock) every contact listed in a CSV file; resumable")
    .argument("<file>", "the CSV file")
    .option("--unblock", "unblock every row, whatever its action column says")
    .option("--dry-run", "change nothing: say what would be done, and which rows are bad")
    .option("--restart", "forget earlier runs of this file and send every row again")
    .option("--concurrency <rows>", "rows in flight at once (1 to 16)", wholeNumber(1, 16), 4)
    .addHelpText("after", IMPORT_HELP)
    .action((file: string, flags: ImportOptions, command: Command) =>
      run(command, async (out) => {
        // A missing file or a bad header is bad usage (exit 2), found before the app is even loaded.
        const { readImportFile } = await import("./import/read-csv.js");
        const read = await readImportFile(file);
        const { importBlocklist } = await import("./commands/blocklist-import.js");
        return importBlocklist(out, read, {
          unblock: flags.unblock === true,
          dryRun: flags.dryRun === true,
          restart: flags.restart === true,
          concurrency: flags.concurrency,
        });
      }),
    );

  program
    .command("audit")
    .description("the audit trail")
    .command("export")
    .description(
      "write every audit record (actor, action, contact, reason, message id, outcome), oldest first",
    )
    .option(
      "--since <when>",
      "only records from then on: 2026-05-01 (midnight UTC), a time, or 24h, 7d, 2w ago",
      (value) => since(value),
    )
    .addOption(formatOption())
    .option("--output <file>", "write to this file instead of stdout")
    .addHelpText(
      "after",
      "\nExamples:\n  wa-moderator audit export --since 7d\n  wa-moderator audit export --since 2026-05-01 --format json",
    )
    .action((flags: AuditOptions, command: Command) =>
      run(command, async (out) => {
        const { exportAudit } = await import("./commands/audit-export.js");
        const options = {
          format: exportFormat(flags.format, out.json),
          ...(flags.since === undefined ? {} : { since: flags.since }),
          ...(flags.output === undefined ? {} : { output: flags.output }),
        };
        return inSession((session) => exportAudit(session, out, options));
      }),
    );
}
