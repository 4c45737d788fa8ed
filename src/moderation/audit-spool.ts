import { appendFile, mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { AppLogger } from "../log/logger.js";
import { parseStoreUrl } from "../store/store-url.js";
import type { AuditTrail } from "./audit-trail.js";
import { AuditNotStoredError } from "./errors.js";
import type { AuditRecord } from "./types.js";

/**
 * The audit spool (docs/CONTRACT.md §5, "Audit"): an append-only local file of the audit records the store did
 * not take, one JSON line each, written to the store when it answers again and at start. A record is in the
 * file before anyone is told it was "not stored yet", so it is never only in memory.
 */
export interface AuditSpool {
  readonly path: string;
  /** Appends the record and flushes it to disk. */
  append(record: AuditRecord): Promise<void>;
  /** Writes every spooled record to the store, in order; keeps those it could not. Answers how many are left. */
  replay(): Promise<number>;
  /**
   * The store just took a record: if the spool may hold any, they are replayed now, in the background, rather than
   * at the next timed replay.
   */
  storeAnswered(): void;
}

/** The words the moderator's answer and the audit post carry while a record waits in the spool. */
export const NOT_STORED_YET = "not stored yet";

/** The action's audit record is in the local spool, not (yet) in the store. */
export class AuditNotStoredYetError extends AuditNotStoredError {
  readonly spoolPath: string;

  constructor(record: AuditRecord, cause: unknown, spoolPath: string, actionError?: Error) {
    super(record, cause, actionError);
    this.message = `the ${record.action} of ${record.contact} ended "${record.outcome}"; its audit record is ${NOT_STORED_YET}: it is kept in ${spoolPath} and written to the store when the store answers again`;
    this.spoolPath = spoolPath;
  }
}

const SPOOL_FILE = "audit-spool.jsonl";

/** The data folder: the SQLite file's folder, else ./data (docs/CONTRACT.md §5). */
export function defaultSpoolPath(storeUrl: string): string {
  try {
    const location = parseStoreUrl(storeUrl);
    if (location.kind === "sqlite") return join(dirname(location.path), SPOOL_FILE);
  } catch {
    // A bad STORE_URL is refused at start; the spool then uses the default folder.
  }
  return join("data", SPOOL_FILE);
}

export function createAuditSpool(deps: {
  path: string;
  trail: Pick<AuditTrail, "append">;
  logger: AppLogger;
}): AuditSpool {
  const { path, trail, logger } = deps;
  let replaying: Promise<number> | undefined;
  // Until a replay says otherwise, a spool left by an earlier run may hold records.
  let holding = true;
  let appended = 0;

  const append = async (record: AuditRecord): Promise<void> => {
    await mkdir(dirname(path), { recursive: true });
    const file = await open(path, "a");
    try {
      await file.appendFile(`${JSON.stringify(record)}\n`, "utf8");
      await file.sync();
      appended += 1;
      holding = true;
    } finally {
      await file.close();
    }
  };

  /** Spool files being replayed (renamed away from `path`), this run's and any a crash left behind. */
  const replayFiles = async (): Promise<string[]> => {
    const folder = dirname(path);
    const names = await readdir(folder).catch(() => [] as string[]);
    return names
      .filter((name) => name.startsWith(`${basename(path)}.replaying-`))
      .sort()
      .map((name) => join(folder, name));
  };

  const replayOnce = async (): Promise<number> => {
    const appendedBefore = appended;
    // New records go on to a fresh file while this one is written to the store.
    await rename(path, `${path}.replaying-${Date.now()}-${process.pid}`).catch(() => undefined);
    let left = 0;
    for (const file of await replayFiles()) {
      const lines = (await readFile(file, "utf8")).split("\n").filter((line) => line.trim() !== "");
      const kept: string[] = [];
      for (const line of lines) {
        if (kept.length > 0) {
          kept.push(line);
          continue;
        }
        try {
          // The spooled id is kept, so the log line and the answer name the record the store ends up with.
          await trail.append(JSON.parse(line) as AuditRecord);
        } catch (error) {
          kept.push(line);
          logger.warn("audit spool not written to the store yet; retrying later", error);
        }
      }
      if (kept.length > 0) await appendFile(path, `${kept.join("\n")}\n`, "utf8");
      await rm(file, { force: true });
      left += kept.length;
      if (lines.length > kept.length)
        logger.info("audit records written from the spool to the store", {
          written: lines.length - kept.length,
        });
    }
    holding = left > 0 || appended !== appendedBefore;
    return left;
  };

  const replay = (): Promise<number> => {
    replaying ??= replayOnce().finally(() => {
      replaying = undefined;
    });
    return replaying;
  };

  return {
    path,
    append,
    replay,
    storeAnswered() {
      if (!holding || replaying) return;
      replay().catch((error: unknown) => logger.warn("audit spool replay failed", error));
    },
  };
}

/** Replays the spool now (the start) and every `intervalMs` after; stop() ends it. */
export function startSpoolReplay(
  spool: AuditSpool,
  logger: AppLogger,
  intervalMs = 10_000,
): { stop(): void } {
  const run = () =>
    void spool.replay().catch((error: unknown) => logger.warn("audit spool replay failed", error));
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
