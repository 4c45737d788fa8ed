import { mkdtemp, rm } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@keyv/redis";
import { Pool } from "pg";
import sqlite3 from "sqlite3";

export const REDIS_URL = "redis://127.0.0.1:6379";
export const POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test";

/**
 * In CI (CI=true or CI=1, as .ci/run sets) every store server must be there: a missing one fails the store tests
 * instead of skipping them.
 */
export const requireServers = process.env.CI === "true" || process.env.CI === "1";

/** A store server as the suite sees it: a URL, plus direct access to count and remove what a test left. */
export interface StoreServer {
  readonly url: string;
  /** SQL stores keep expired rows until purged; Redis drops them by itself. */
  readonly keepsExpiredRows: boolean;
  /** Keyv entries and counters under `prefix`, counted on the server itself, expired ones included. */
  countEntries(prefix: string): Promise<number>;
  /** Removes everything stored under these prefixes and lets go of the server. */
  cleanUp(prefixes: string[]): Promise<void>;
}

/** True when something accepts TCP connections on 127.0.0.1:port within half a second. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port, timeout: 500 });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.once("connect", () => done(true));
    socket.once("timeout", () => done(false));
    socket.once("error", () => done(false));
  });
}

export async function sqliteServer(): Promise<StoreServer> {
  const dir = await mkdtemp(join(tmpdir(), "wam-store-test-"));
  // A folder that does not exist yet: the store creates it.
  const file = join(dir, "nested", "store.sqlite");
  const all = (sql: string, parameters: unknown[]): Promise<Array<Record<string, unknown>>> =>
    new Promise((resolve, reject) => {
      const db = new sqlite3.Database(file);
      db.all(sql, parameters, (error: Error | null, rows: Array<Record<string, unknown>>) => {
        db.close();
        if (error === null) resolve(rows);
        else reject(error);
      });
    });
  const count = async (table: string, prefix: string): Promise<number> => {
    const [row] = await all(`SELECT count(*) AS n FROM ${table} WHERE substr(key, 1, length(?1)) = ?1`, [
      `${prefix}:`,
    ]);
    return Number(row?.n);
  };
  return {
    url: `sqlite://${file}`,
    keepsExpiredRows: true,
    countEntries: async (prefix) => (await count("keyv", prefix)) + (await count("wam_counters", prefix)),
    // The file holds nothing but this run's entries.
    cleanUp: () => rm(dir, { recursive: true, force: true }),
  };
}

export async function postgresServer(): Promise<StoreServer> {
  const pool = new Pool({ connectionString: POSTGRES_URL, max: 2 });
  const count = async (table: string, prefix: string): Promise<number> => {
    const { rows } = await pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${table} WHERE starts_with(key, $1)`,
      [`${prefix}:`],
    );
    return Number(rows[0]?.n);
  };
  return {
    url: POSTGRES_URL,
    keepsExpiredRows: true,
    countEntries: async (prefix) => (await count("keyv", prefix)) + (await count("wam_counters", prefix)),
    cleanUp: async (prefixes) => {
      for (const prefix of prefixes) {
        await pool.query("DELETE FROM keyv WHERE starts_with(key, $1)", [`${prefix}:`]);
        await pool.query("DELETE FROM wam_counters WHERE starts_with(key, $1)", [`${prefix}:`]);
      }
      await pool.end();
    },
  };
}

export async function redisServer(): Promise<StoreServer> {
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  const keys = async (prefix: string): Promise<string[]> => {
    const found: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) found.push(...batch);
    return found;
  };
  return {
    url: REDIS_URL,
    keepsExpiredRows: false,
    countEntries: async (prefix) => (await keys(prefix)).length,
    cleanUp: async (prefixes) => {
      for (const prefix of prefixes) {
        const found = await keys(prefix);
        if (found.length > 0) await client.del(found);
      }
      await client.close();
    },
  };
}
