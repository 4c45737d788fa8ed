import type { KeyvStoreAdapter } from "keyv";
import type { StoreKind } from "./types.js";

/** Where an adapter or client reports an error it cannot throw to a caller (connection drops, idle clients). */
export type ErrorSink = (source: string, error: unknown) => void;

/** One kind of server behind the store: Keyv adapters over a shared connection, plus the atomic statements. */
export interface StoreBackend {
  readonly kind: StoreKind;
  /** Redis adapters put the namespace in front of keys themselves; the SQL adapters leave that to Keyv. */
  readonly adapterPrefixesKeys: boolean;
  /** A fresh adapter per namespace: Keyv writes its namespace onto the adapter it is given. */
  createAdapter(): KeyvStoreAdapter;
  increment(key: string, by: number, ttlMs: number): Promise<number>;
  /** A counter's value, 0 when absent or expired, by a plain read. */
  read(key: string): Promise<number>;
  claim(key: string, ttlMs: number): Promise<boolean>;
  release(key: string): Promise<void>;
  /**
   * Deletes expired Keyv rows and counters whose key starts with `keyPrefix`, a few at a time (see PurgeControl);
   * returns how many.
   */
  purgeExpired(keyPrefix: string, control: PurgeControl): Promise<number>;
  /** Closes every adapter created and the shared connection. Called once. */
  close(): Promise<void>;
}

/** The table the SQL Keyv adapters keep their rows in (passed to them explicitly so purge names the same one). */
export const KEYV_TABLE = "keyv";

/** Beside Keyv's table: counters and claims, one row per key, written only by single atomic statements. */
export const COUNTERS_TABLE = "wam_counters";

/** A server that does not accept a connection within this is reported unavailable (start-up fails fast). */
export const CONNECT_TIMEOUT_MS = 3_000;

/** A statement that takes longer is abandoned, so a hung server degrades to errors instead of stuck requests. */
export const COMMAND_TIMEOUT_MS = 5_000;

/**
 * How a purge is paced. Expired rows are deleted in batches of short statements, each looking at no more than
 * `batchSize` rows, so no statement holds the database (or this process, which receives what it returns) for long;
 * between batches the purge yields, and stops early when the store is closing.
 */
export interface PurgeControl {
  readonly batchSize: number;
  /** Awaited between batches; false means stop now (the store is closing). */
  between(): Promise<boolean>;
}

/** One batch of a purge: the rows looked at, the last key among them, and how many of them were deleted. */
export interface PurgeBatch {
  scanned: number;
  lastKey: string | undefined;
  removed: number;
}

/**
 * Walks each table's keys in order, `batchSize` at a time (keyset pagination: every batch starts after the last key
 * of the one before, so each row is looked at once however many are expired), deleting the expired ones.
 * `batch(table, after, limit)` handles one window; the walk of a table starts after `start` and ends with a short
 * window. Returns how many rows were deleted in all.
 */
export async function purgeInBatches<Table>(
  tables: readonly Table[],
  start: string,
  control: PurgeControl,
  batch: (table: Table, after: string, limit: number) => Promise<PurgeBatch>,
): Promise<number> {
  let removed = 0;
  let first = true;
  for (const table of tables) {
    let after = start;
    for (;;) {
      if (!first && !(await control.between())) return removed;
      first = false;
      const done = await batch(table, after, control.batchSize);
      removed += done.removed;
      if (done.scanned < control.batchSize || done.lastKey === undefined) break;
      after = done.lastKey;
    }
  }
  return removed;
}
