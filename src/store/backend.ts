import type { KeyvStoreAdapter } from "keyv";
import type { PurgeControl } from "./purge-batches.js";
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
  /** Sets `key` to `holder` only if absent or expired. */
  claim(key: string, ttlMs: number, holder: number): Promise<boolean>;
  /** Deletes `key` only while its value is `holder`. */
  release(key: string, holder: number): Promise<void>;
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
