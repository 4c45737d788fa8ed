import sqlite3 from "sqlite3";
import type { ErrorSink } from "./backend.js";

/**
 * One SQLite connection that prepares each statement once and keeps it: node-sqlite3's `Database#all` (all that
 * @keyv/sqlite uses) prepares, runs and finalizes a statement on every call, which costs more CPU than running it.
 * The statements are the module's own constant SQL, so the set stays small.
 */
export interface PreparedConnection {
  /** Runs `sql` with `parameters` bound to ?1, ?2, … and returns its rows. */
  all(sql: string, parameters?: unknown[]): Promise<unknown[]>;
  /** Finalizes every statement, then closes the connection. */
  close(): Promise<void>;
}

/**
 * How many statements each query keeps. node-sqlite3 runs the calls on one statement one at a time, and starts the
 * next only when the event loop has taken the last one's answer. With a single statement, each request's replay
 * claim waited one turn of the event loop per claim queued ahead of it; under load requests then lived long enough
 * to be copied into V8's old generation (`/wa-check help` at 500/s on Node 24: about 400 KB promoted a scavenge in
 * three runs of four, against 5 KB with several statements in every run). Four is as many as libuv's thread pool
 * runs at once by default; SQLite itself still runs one statement of a connection at a time.
 */
const STATEMENTS_PER_QUERY = 4;

interface KeptStatement {
  readonly statement: sqlite3.Statement;
  /** Calls handed to it and not answered yet. */
  calls: number;
}

export async function openPreparedConnection(
  file: string,
  busyTimeoutMs: number,
  reportError: ErrorSink,
): Promise<PreparedConnection> {
  const database = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened: sqlite3.Database = new sqlite3.Database(file, (error) =>
      error ? reject(error) : resolve(opened),
    );
  });
  // Every call passes a callback, so this only hears what node-sqlite3 cannot hand to one.
  database.on("error", (error: unknown) => reportError("sqlite", error));
  database.configure("busyTimeout", busyTimeoutMs);

  const ready = new Map<string, KeptStatement[]>();
  const preparing = new Map<string, Promise<KeptStatement[]>>();
  const prepareOne = (sql: string): Promise<KeptStatement> =>
    new Promise((resolve, reject) => {
      const prepared: sqlite3.Statement = database.prepare(sql, (error) =>
        error ? reject(error) : resolve({ statement: prepared, calls: 0 }),
      );
    });
  // A query's statements are all prepared before its first call runs, so no call is queued on a statement still
  // being prepared (node-sqlite3 drops those when the preparation fails). The query keeps those that prepared; when
  // none did (a mistake in the SQL), that call fails, and the next one tries again.
  const prepare = (sql: string): Promise<KeptStatement[]> => {
    let statements = preparing.get(sql);
    if (statements === undefined) {
      const attempts = Array.from({ length: STATEMENTS_PER_QUERY }, () => prepareOne(sql));
      statements = Promise.allSettled(attempts).then((results) => {
        const kept = results.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
        if (kept.length > 0) return kept;
        throw (results[0] as PromiseRejectedResult).reason;
      });
      const settled = (): void => void preparing.delete(sql);
      statements.then((kept) => {
        ready.set(sql, kept);
        settled();
      }, settled);
      preparing.set(sql, statements);
    }
    return statements;
  };
  const run = (statements: KeptStatement[], parameters: unknown[]): Promise<unknown[]> =>
    new Promise((resolve, reject) => {
      let idlest = statements[0] as KeptStatement;
      for (const kept of statements) if (kept.calls < idlest.calls) idlest = kept;
      // node-sqlite3 queues a call on a statement that is still running.
      idlest.calls += 1;
      idlest.statement.all(parameters, (error: Error | null, rows: unknown[]) => {
        idlest.calls -= 1;
        if (error) reject(error);
        else resolve(rows);
      });
    });

  return {
    // Handed to node-sqlite3 at once when the query is prepared: no turn of the event loop before it runs.
    all: (sql, parameters = []) => {
      const statements = ready.get(sql);
      if (statements === undefined) return prepare(sql).then((prepared) => run(prepared, parameters));
      return run(statements, parameters);
    },
    close: async () => {
      await Promise.allSettled([...preparing.values()]);
      await Promise.all(
        [...ready.values()]
          .flat()
          .map(({ statement }) => new Promise<void>((resolve) => statement.finalize(() => resolve()))),
      );
      ready.clear();
      await new Promise<void>((resolve, reject) =>
        database.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
