import { DAY_MS } from "../../common/time.js";
import type { AppStore } from "../../store/types.js";

/**
 * Where an import keeps what it has done (docs/CONTRACT.md §10), in the shared store: one small entry per finished
 * row, keyed by the file's content hash, the mode (`--unblock` or as listed) and the row's line. Written as each row
 * finishes, so an interruption of any kind (Ctrl-C, a crash, a lost connection) loses at most the rows in flight,
 * and a second run of the same file skips what is done. A changed file is a new import.
 */
export interface ImportProgress {
  /** The lines among `lines` that an earlier run finished. */
  finished(lines: number[]): Promise<Set<number>>;
  markFinished(line: number, entry: FinishedRow): Promise<void>;
  /** `--restart`: forgets the earlier runs of this file. */
  forget(lines: number[]): Promise<void>;
}

export interface FinishedRow {
  action: "block" | "unblock";
  contact: string;
  /** The audit record of the action. */
  auditId: string;
}

// Long enough to finish an import interrupted before a holiday; short enough that old files do not pile up.
const PROGRESS_TTL_MS = 30 * DAY_MS;
const READ_BATCH = 500;

/** The store has no namespace of the CLI's own: its entries live in "cache" under a prefix nothing else uses. */
export function importProgress(
  store: AppStore,
  fileHash: string,
  mode: "as-listed" | "unblock-all",
): ImportProgress {
  const entries = store.namespace<FinishedRow & { at: string }>("cache");
  const key = (line: number) => `cli-import:${fileHash}:${mode}:${line}`;
  return {
    async finished(lines) {
      const done = new Set<number>();
      for (let start = 0; start < lines.length; start += READ_BATCH) {
        const batch = lines.slice(start, start + READ_BATCH);
        const found = await entries.getMany(batch.map(key));
        batch.forEach((line, index) => {
          if (found[index] !== undefined) done.add(line);
        });
      }
      return done;
    },
    async markFinished(line, entry) {
      await entries.set(key(line), { ...entry, at: new Date().toISOString() }, PROGRESS_TTL_MS);
    },
    async forget(lines) {
      for (let start = 0; start < lines.length; start += READ_BATCH) {
        await entries.deleteMany(lines.slice(start, start + READ_BATCH).map(key));
      }
    },
  };
}
