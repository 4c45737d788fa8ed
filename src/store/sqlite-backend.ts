import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import KeyvSqlite from "@keyv/sqlite";
import type { StoredData } from "keyv";
import {
  COMMAND_TIMEOUT_MS,
  COUNTERS_TABLE,
  type ErrorSink,
  KEYV_TABLE,
  type StoreBackend,
} from "./backend.js";
import { type PurgeBatch, purgeInBatches } from "./purge-batches.js";
import { openPreparedConnection, type PreparedConnection } from "./sqlite-statements.js";

const MEMORY = ":memory:";

// Keyv's table as @keyv/sqlite defines it (each adapter creates it too, on its own connection): the shared
// connection below reads it, possibly before any adapter's connection is open.
const CREATE_KEYV = `CREATE TABLE IF NOT EXISTS ${KEYV_TABLE}(key VARCHAR(255) PRIMARY KEY, value TEXT )`;

const CREATE_COUNTERS = `CREATE TABLE IF NOT EXISTS ${COUNTERS_TABLE} (
  key TEXT PRIMARY KEY, value INTEGER NOT NULL, expires_at INTEGER NOT NULL)`;

// ?2 is "now" in ms: an expired row counts as absent, so it restarts from `by` with a fresh expiry.
const INCREMENT = `INSERT INTO ${COUNTERS_TABLE} (key, value, expires_at) VALUES (?1, ?3, ?2 + ?4)
  ON CONFLICT (key) DO UPDATE SET
    value = CASE WHEN ${COUNTERS_TABLE}.expires_at <= ?2 THEN excluded.value
      ELSE ${COUNTERS_TABLE}.value + excluded.value END,
    expires_at = CASE WHEN ${COUNTERS_TABLE}.expires_at <= ?2 THEN excluded.expires_at
      ELSE ${COUNTERS_TABLE}.expires_at END
  RETURNING value`;

// An expired row is left for the purge: reading only skips it, as increment would restart it.
const READ = `SELECT value FROM ${COUNTERS_TABLE} WHERE key = ?1 AND expires_at > ?2`;

const CLAIM = `INSERT INTO ${COUNTERS_TABLE} (key, value, expires_at) VALUES (?1, ?4, ?2 + ?3)
  ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
    WHERE ${COUNTERS_TABLE}.expires_at <= ?2
  RETURNING value`;

const RELEASE = `DELETE FROM ${COUNTERS_TABLE} WHERE key = ?1 AND value = ?2`;

// Purging walks each table's primary-key index in windows of ?3 keys after ?1 (and before ?2, the first string past
// the prefix): each window is one short statement, then the expired rows within it go in another.
const purgeWindow = (table: string): string => `SELECT count(*) AS scanned, max(key) AS lastKey
  FROM (SELECT key FROM ${table} WHERE key > ?1 AND key < ?2 ORDER BY key LIMIT ?3)`;

// Keyv keeps `expires` (ms) inside the JSON value and deletes an expired row only when it is read.
const PURGE_KEYV = `DELETE FROM ${KEYV_TABLE}
  WHERE key > ?1 AND key <= ?2 AND json_extract(value, '$.expires') < ?3 RETURNING 1`;

const PURGE_COUNTERS = `DELETE FROM ${COUNTERS_TABLE}
  WHERE key > ?1 AND key <= ?2 AND expires_at <= ?3 RETURNING 1`;

const PURGE_TABLES = [
  { window: purgeWindow(KEYV_TABLE), remove: PURGE_KEYV },
  { window: purgeWindow(COUNTERS_TABLE), remove: PURGE_COUNTERS },
] as const;

const GET_MANY = `SELECT key, value FROM ${KEYV_TABLE} WHERE key IN (SELECT value FROM json_each(?1))`;

// Many entries in one statement, so in one transaction: ?1 is a JSON array of [key, value] pairs. (`WHERE true`
// is how SQLite tells an upsert's ON CONFLICT from a join constraint after INSERT ... SELECT.)
const SET_MANY = `INSERT INTO ${KEYV_TABLE} (key, value)
  SELECT json_extract(pair.value, '$[0]'), json_extract(pair.value, '$[1]') FROM json_each(?1) AS pair WHERE true
  ON CONFLICT (key) DO UPDATE SET value = excluded.value`;

// WAL: a purge or a write never blocks readers on other connections, and a commit needs no fsync of its own (the
// log is synced at checkpoints), which is what SQLite recommends for a server process.
const JOURNAL_MODE = "PRAGMA journal_mode = WAL";
const SYNCHRONOUS = "PRAGMA synchronous = NORMAL";

/**
 * @keyv/sqlite has no setMany, so Keyv would write a check's results one statement (one transaction) each; this
 * adapter writes them in one. Keyv hands it values already serialised, with their expiry inside. Reading many (a
 * check's cache read, on every command) runs as a kept statement on the shared connection.
 */
class BatchingSqlite extends KeyvSqlite {
  readonly #shared: PreparedConnection;

  constructor(options: ConstructorParameters<typeof KeyvSqlite>[0], shared: PreparedConnection) {
    super(options);
    this.#shared = shared;
  }

  override async getMany<Value>(keys: string[]): Promise<Array<StoredData<Value | undefined>>> {
    const rows = (await this.#shared.all(GET_MANY, [JSON.stringify(keys)])) as Array<{
      key: string;
      value: string;
    }>;
    const values = new Map(rows.map((row) => [row.key, row.value]));
    // Keyv deserialises what it gets: the stored text, as @keyv/sqlite's own getMany returns it.
    return keys.map((key) => values.get(key) as StoredData<Value | undefined>);
  }

  async setMany(entries: Array<{ key: string; value: unknown }>): Promise<void> {
    if (entries.length === 0) return;
    await this.query(SET_MANY, JSON.stringify(entries.map(({ key, value }) => [key, value])));
  }
}

/**
 * Switching a new file to WAL needs the whole database to itself, which SQLite refuses at once (SQLITE_BUSY, no
 * busy-timeout wait) while another process or replica is opening the same file: try again for a little while.
 */
async function retriedWhileBusy<T>(statement: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await statement();
    } catch (error) {
      const busy = (error as { code?: unknown }).code === "SQLITE_BUSY";
      if (!busy || attempt >= OPEN_BUSY_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
}

const OPEN_BUSY_ATTEMPTS = 20;

/** The first string after every key that starts with `prefix` (its last character moved up by one). */
function pastPrefix(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/**
 * One SQLite file. @keyv/sqlite opens its own connection per adapter (it cannot share one), so each namespace
 * has a connection; the atomic statements and the adapters' reads of many run on one more, shared, that keeps its
 * statements prepared. The busy timeout makes writers on the same file (in this process or another)
 * wait for each other instead of failing with SQLITE_BUSY.
 * `:memory:` becomes a private temporary file, removed on close, so all those connections see one database.
 */
export async function openSqliteBackend(path: string, reportError: ErrorSink): Promise<StoreBackend> {
  const temporaryDir = path === MEMORY ? await mkdtemp(join(tmpdir(), "wa-moderator-store-")) : undefined;
  const file = temporaryDir === undefined ? path : join(temporaryDir, "store.sqlite");
  const removeTemporary = async (): Promise<void> => {
    if (temporaryDir !== undefined) await rm(temporaryDir, { recursive: true, force: true });
  };
  let shared: PreparedConnection;
  try {
    await mkdir(dirname(file), { recursive: true });
    shared = await openPreparedConnection(file, COMMAND_TIMEOUT_MS, reportError);
  } catch (error) {
    await removeTemporary();
    throw error;
  }
  const adapters: KeyvSqlite[] = [];
  const closeAll = async (): Promise<void> => {
    await Promise.allSettled(adapters.map((adapter) => adapter.disconnect()));
    await shared.close().catch((error: unknown) => reportError("sqlite", error));
    await removeTemporary();
  };

  try {
    for (const sql of [JOURNAL_MODE, SYNCHRONOUS, CREATE_KEYV, CREATE_COUNTERS]) {
      await retriedWhileBusy(() => shared.all(sql));
    }
  } catch (error) {
    await closeAll();
    throw error;
  }
  const rows = (sql: string, parameters: unknown[]): Promise<unknown[]> => shared.all(sql, parameters);

  return {
    kind: "sqlite",
    adapterPrefixesKeys: false,
    createAdapter: () => {
      const adapter = new BatchingSqlite(
        { uri: `sqlite://${file}`, table: KEYV_TABLE, busyTimeout: COMMAND_TIMEOUT_MS },
        shared,
      );
      adapters.push(adapter);
      // A failure to open is emitted as 'error' (logged through Keyv); this keeps the rejection from going unhandled.
      adapter.query(SYNCHRONOUS).catch(() => undefined);
      return adapter;
    },
    increment: async (key, by, ttlMs) => {
      const [row] = (await rows(INCREMENT, [key, Date.now(), by, ttlMs])) as Array<{ value: number }>;
      if (row === undefined) throw new Error("the counter upsert returned no row");
      return row.value;
    },
    read: async (key) => {
      const [row] = (await rows(READ, [key, Date.now()])) as Array<{ value: number }>;
      return row?.value ?? 0;
    },
    claim: async (key, ttlMs, holder) => (await rows(CLAIM, [key, Date.now(), ttlMs, holder])).length === 1,
    release: async (key, holder) => {
      await rows(RELEASE, [key, holder]);
    },
    purgeExpired: (keyPrefix, control) => {
      const end = pastPrefix(keyPrefix);
      return purgeInBatches(
        PURGE_TABLES,
        keyPrefix,
        control,
        async (table, after, limit): Promise<PurgeBatch> => {
          const [window] = (await rows(table.window, [after, end, limit])) as Array<{
            scanned: number;
            lastKey: string | null;
          }>;
          if (window === undefined || window.lastKey === null)
            return { scanned: 0, lastKey: undefined, removed: 0 };
          const removed = await rows(table.remove, [after, window.lastKey, Date.now()]);
          return { scanned: window.scanned, lastKey: window.lastKey, removed: removed.length };
        },
      );
    },
    close: closeAll,
  };
}
