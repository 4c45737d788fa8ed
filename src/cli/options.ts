import { InvalidArgumentError } from "commander";
import type { ExportFormat } from "./export/table-writer.js";

/** Option values checked as commander reads them: a bad one is bad usage, exit 2 (docs/CONTRACT.md §10). */

export function wholeNumber(min: number, max: number): (value: string) => number {
  return (value) => {
    const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!(number >= min && number <= max)) {
      throw new InvalidArgumentError(`give a whole number from ${min} to ${max}.`);
    }
    return number;
  };
}

const SPAN = /^(\d+)(h|d|w)$/i;
const SPAN_MS: Record<string, number> = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** "2026-05-01" (midnight UTC), a time such as "2026-05-01T14:00:00Z", or a span back from now: "24h", "7d", "2w". */
export function since(value: string, now = Date.now()): Date {
  const text = value.trim();
  const span = SPAN.exec(text);
  if (span) return new Date(now - Number(span[1]) * (SPAN_MS[(span[2] ?? "d").toLowerCase()] ?? 0));
  const at = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(at.getTime())) {
    throw new InvalidArgumentError(
      "give a date (2026-05-01), a date and time (2026-05-01T14:00:00Z) or a span back from now (24h, 7d, 2w).",
    );
  }
  return at;
}

/** `--format` when given; else JSON with `--json`, CSV otherwise. */
export function exportFormat(format: ExportFormat | undefined, json: boolean): ExportFormat {
  return format ?? (json ? "json" : "csv");
}
