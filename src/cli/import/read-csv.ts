import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { CsvError, parse } from "csv-parse/sync";
import { UsageError } from "../exit.js";

/**
 * An import file (docs/CONTRACT.md §10): CSV with a header row on line 1, columns `number` (required), `reason`
 * and `action`. The columns of `blocklist export` are accepted too, so an export can be imported back (a contact
 * known only by its BSUID has it in `bsuid`). Each line is parsed on its own: a broken quote spoils its own line,
 * never the rest of the file, and every row keeps the line number it has in an editor.
 */
export interface CsvRow {
  /** 1-based, the header being line 1. */
  line: number;
  fields: Partial<Record<Column, string>>;
  /** Set when the line is not readable CSV. */
  problem?: string;
}

export interface ImportFile {
  path: string;
  /** SHA-256 of the content: the key of the import's progress record. */
  hash: string;
  rows: CsvRow[];
}

const COLUMNS = ["number", "reason", "action", "wa_id", "bsuid", "username"] as const;
type Column = (typeof COLUMNS)[number];
const isColumn = (name: string): name is Column => (COLUMNS as readonly string[]).includes(name);

const HEADER_HELP = "the first line must name the columns: number (required), reason, action";

export async function readImportFile(path: string): Promise<ImportFile> {
  let content: Buffer;
  try {
    content = await readFile(path);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT" ? "there is no such file" : String(error);
    throw new UsageError(`cannot read ${path}: ${reason}. Give the path of a CSV file whose ${HEADER_HELP}.`);
  }
  const hash = createHash("sha256").update(content).digest("hex");
  const lines = content
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/);
  const columns = readHeader(path, lines[0] ?? "");
  const rows: CsvRow[] = [];
  lines.forEach((text, index) => {
    if (index === 0 || text.trim() === "") return;
    rows.push(readRow(text, index + 1, columns));
  });
  return { path, hash, rows };
}

function readHeader(path: string, text: string): Column[] {
  const where = `${path} line 1`;
  if (text.trim() === "") throw new UsageError(`${where} is empty: ${HEADER_HELP}.`);
  let names: string[];
  try {
    names = parseLine(text).map((name) => name.toLowerCase());
  } catch (error) {
    throw new UsageError(`${where} is not readable as CSV (${String(error)}); ${HEADER_HELP}.`);
  }
  const unknown = names.filter((name) => !isColumn(name));
  if (unknown.length > 0) {
    throw new UsageError(
      `${where}: unknown column(s) ${unknown.map((name) => `"${name}"`).join(", ")}; ${HEADER_HELP}.`,
    );
  }
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated !== undefined) throw new UsageError(`${where}: the column "${repeated}" appears twice.`);
  if (!names.includes("number")) throw new UsageError(`${where} has no "number" column; ${HEADER_HELP}.`);
  return names.filter(isColumn);
}

function readRow(text: string, line: number, columns: Column[]): CsvRow {
  let values: string[];
  try {
    values = parseLine(text);
  } catch (error) {
    const problem = error instanceof CsvError ? error.message.replace(/ at line \d+/, "") : String(error);
    return { line, fields: {}, problem: `not readable as CSV: ${problem}` };
  }
  if (values.length > columns.length) {
    return { line, fields: {}, problem: `${values.length} values for ${columns.length} columns` };
  }
  const fields: CsvRow["fields"] = {};
  values.forEach((value, index) => {
    const column = columns[index];
    if (column !== undefined && value !== "") fields[column] = value;
  });
  return { line, fields };
}

function parseLine(text: string): string[] {
  if (text.trim() === "") return [];
  const [record] = parse(text, { relax_column_count: true, trim: true });
  return record ?? [];
}
