import { createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import { UsageError } from "../exit.js";
import { writeChunk } from "../output.js";

/**
 * Export rows streamed as they arrive (docs/CONTRACT.md §10), to a file or stdout: CSV with a header row, or one
 * JSON array written an element at a time, so a long export never sits in memory and a pipe sees rows at once.
 */
export type ExportFormat = "csv" | "json";

export type Cell = string | number | boolean | null;

export interface TableWriter {
  write(rows: Array<Record<string, Cell>>): Promise<void>;
  /** Ends the table (the JSON array's bracket) and the file; stdout stays open. */
  close(): Promise<void>;
}

export function tableWriter(target: Writable, format: ExportFormat, columns: readonly string[]): TableWriter {
  let started = false;
  const start = (): string => {
    if (started) return "";
    started = true;
    return format === "csv" ? stringify([columns]) : "[";
  };
  const encode = (rows: Array<Record<string, Cell>>, first: boolean): string =>
    format === "csv"
      ? stringify(
          rows.map((row) => columns.map((column) => row[column] ?? "")),
          { cast: { boolean: (value) => String(value) } },
        )
      : rows.map((row, index) => `${first && index === 0 ? "" : ","}\n  ${JSON.stringify(row)}`).join("");
  let written = 0;
  return {
    async write(rows) {
      if (rows.length === 0) return;
      const head = start();
      await writeChunk(target, head + encode(rows, written === 0));
      written += rows.length;
    },
    async close() {
      const head = start();
      const tail = format === "json" ? (written === 0 ? "]\n" : "\n]\n") : "";
      if (head + tail) await writeChunk(target, head + tail);
    },
  };
}

/** `--output FILE`, opened before any work so a bad path is bad usage (exit 2); stdout otherwise. */
export async function openTarget(
  path: string | undefined,
): Promise<{ stream: Writable; end(): Promise<void> }> {
  if (path === undefined) return { stream: process.stdout, end: async () => {} };
  const stream = createWriteStream(path);
  await new Promise<void>((resolve, reject) => {
    stream.once("open", () => resolve());
    stream.once("error", (error) =>
      reject(new UsageError(`cannot write ${path}: ${error.message}. Give a path in a folder that exists.`)),
    );
  });
  return {
    stream,
    end: () =>
      new Promise<void>((resolve, reject) =>
        stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
      ),
  };
}
