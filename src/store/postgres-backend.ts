import KeyvPostgres, { type KeyvPostgresOptions } from "@keyv/postgres";
import { Pool } from "pg";
import {
  COMMAND_TIMEOUT_MS,
  CONNECT_TIMEOUT_MS,
  COUNTERS_TABLE,
  type ErrorSink,
  KEYV_TABLE,
  type StoreBackend,
} from "./backend.js";
import { type PurgeBatch, purgeInBatches } from "./purge-batches.js";

const SCHEMA = "public";

const CREATE_COUNTERS = `CREATE TABLE IF NOT EXISTS ${SCHEMA}.${COUNTERS_TABLE} (
  key text PRIMARY KEY, value bigint NOT NULL, expires_at timestamptz NOT NULL)`;

// An expired row counts as absent inside the same statement, so it restarts from `by` with a fresh expiry.
const INCREMENT = `INSERT INTO ${SCHEMA}.${COUNTERS_TABLE} AS c (key, value, expires_at)
  VALUES ($1, $2, now() + $3 * interval '1 millisecond')
  ON CONFLICT (key) DO UPDATE SET
    value = CASE WHEN c.expires_at <= now() THEN EXCLUDED.value ELSE c.value + EXCLUDED.value END,
    expires_at = CASE WHEN c.expires_at <= now() THEN EXCLUDED.expires_at ELSE c.expires_at END
  RETURNING value`;

// An expired row is left for the purge: reading only skips it, as increment would restart it.
const READ = `SELECT value FROM ${SCHEMA}.${COUNTERS_TABLE} WHERE key = $1 AND expires_at > now()`;

const CLAIM = `INSERT INTO ${SCHEMA}.${COUNTERS_TABLE} AS c (key, value, expires_at)
  VALUES ($1, $3, now() + $2 * interval '1 millisecond')
  ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at WHERE c.expires_at <= now()
  RETURNING value`;

const RELEASE = `DELETE FROM ${SCHEMA}.${COUNTERS_TABLE} WHERE key = $1 AND value = $2`;

// Purging walks each table's primary-key index in windows of $3 keys after $1 that start with $2 (the index's own
// order, whatever the database's collation, since every bound is a key read back from it): one short statement
// finds the window, another deletes the expired rows within it. A window is looked at once, however many are expired.
const purgeWindow = (table: string): string => `SELECT count(*)::int AS scanned, max(key) AS "lastKey"
  FROM (SELECT key FROM ${SCHEMA}.${table} WHERE key > $1 AND starts_with(key, $2) ORDER BY key LIMIT $3) AS w`;

// Keyv keeps `expires` (ms, by the writer's clock) inside the JSON value and deletes a row only when it is read.
const PURGE_KEYV = `DELETE FROM ${SCHEMA}.${KEYV_TABLE}
  WHERE key > $1 AND key <= $2 AND starts_with(key, $3) AND (value::jsonb ->> 'expires')::double precision < $4`;

// Counters expire by the server's clock, as increment and claim set them.
const PURGE_COUNTERS = `DELETE FROM ${SCHEMA}.${COUNTERS_TABLE}
  WHERE key > $1 AND key <= $2 AND starts_with(key, $3) AND expires_at <= now()`;

const PURGE_TABLES = [
  { window: purgeWindow(KEYV_TABLE), remove: PURGE_KEYV, byWriterClock: true },
  { window: purgeWindow(COUNTERS_TABLE), remove: PURGE_COUNTERS, byWriterClock: false },
] as const;

/** Two stores creating the same table at once: the loser's CREATE ... IF NOT EXISTS fails, the table is there. */
const ALREADY_CREATED = new Set(["23505", "42P07"]);

type SharedPoolOptions = KeyvPostgresOptions & { pool: Pool };

/**
 * @keyv/postgres keeps one module-wide pool per URL and ends it when any adapter disconnects, which would break
 * a second store in the same process; each adapter here runs on the store's own pool instead.
 */
class SharedPoolPostgres extends KeyvPostgres {
  declare opts: SharedPoolOptions;

  constructor(options: SharedPoolOptions) {
    super(options);
  }

  override async connect(): Promise<(sql: string, values?: unknown[]) => Promise<unknown[]>> {
    const { pool } = this.opts;
    return async (sql, values) => (await pool.query(sql, values)).rows;
  }

  override async disconnect(): Promise<void> {
    // The store ends the shared pool once every adapter is done with it.
  }
}

export async function openPostgresBackend(url: string, reportError: ErrorSink): Promise<StoreBackend> {
  const pool = new Pool({
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: COMMAND_TIMEOUT_MS,
  });
  // An idle client losing its connection is emitted on the pool; unhandled, it would end the process.
  pool.on("error", (error) => reportError("postgres", error));
  // Each adapter creates Keyv's table on construction. pg-pool abandons queries still waiting when the pool ends,
  // so close() lets those finish first.
  const initialising: Array<Promise<unknown>> = [];
  const openAdapter = (): { adapter: SharedPoolPostgres; ready: Promise<unknown> } => {
    const adapter = new SharedPoolPostgres({ uri: url, pool, schema: SCHEMA, table: KEYV_TABLE });
    const ready = adapter.query("SELECT 1");
    // Only completion is tracked here; a failure reaches whoever uses the adapter next.
    initialising.push(ready.catch(() => undefined));
    return { adapter, ready };
  };

  try {
    await pool.query("SELECT 1");
    await pool.query(CREATE_COUNTERS).catch((error: unknown) => {
      if (!ALREADY_CREATED.has(String((error as { code?: unknown }).code))) throw error;
    });
    // Keyv's table must exist before the first purge names it.
    const first = openAdapter();
    first.adapter.on("error", (error: unknown) => reportError("postgres", error));
    await first.ready;
  } catch (error) {
    await pool.end();
    throw error;
  }

  return {
    kind: "postgres",
    adapterPrefixesKeys: false,
    createAdapter: () => openAdapter().adapter,
    increment: async (key, by, ttlMs) => {
      const { rows } = await pool.query<{ value: string }>(INCREMENT, [key, by, ttlMs]);
      const [row] = rows;
      if (row === undefined) throw new Error("the counter upsert returned no row");
      // bigint arrives as a string; counters stay far below 2^53.
      return Number(row.value);
    },
    read: async (key) => {
      const { rows } = await pool.query<{ value: string }>(READ, [key]);
      return Number(rows[0]?.value ?? 0);
    },
    claim: async (key, ttlMs, holder) => (await pool.query(CLAIM, [key, ttlMs, holder])).rows.length === 1,
    release: async (key, holder) => {
      await pool.query(RELEASE, [key, holder]);
    },
    // "" sorts before every key in any collation, so the first window starts at the first key with the prefix.
    purgeExpired: (keyPrefix, control) =>
      purgeInBatches(PURGE_TABLES, "", control, async (table, after, limit): Promise<PurgeBatch> => {
        const { rows } = await pool.query<{ scanned: number; lastKey: string | null }>(table.window, [
          after,
          keyPrefix,
          limit,
        ]);
        const window = rows[0];
        if (window === undefined || window.lastKey === null)
          return { scanned: 0, lastKey: undefined, removed: 0 };
        // The deletes count rows without returning them: nothing to build in this process however many go.
        const bounds = [after, window.lastKey, keyPrefix];
        const removed = await pool.query(
          table.remove,
          table.byWriterClock ? [...bounds, Date.now()] : bounds,
        );
        return { scanned: window.scanned, lastKey: window.lastKey, removed: removed.rowCount ?? 0 };
      }),
    close: async () => {
      await Promise.allSettled(initialising);
      await pool.end();
    },
  };
}
