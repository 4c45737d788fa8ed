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
 * How many statements one query may keep. node-sqlite3 runs the calls on one statement one at a time, and starts the
 * next only when the event loop has taken the last one's answer. With a single statement, each request's replay
 * claim waited one turn of the event loop per claim queued ahead of it; under load requests then lived long enough
 * to be copied into V8's old generation (`/wa-check help` at 500/s on Node 24: about 400 KB promoted a scavenge in
 * three runs of four, against 5 KB with several statements in every run). Four is as many as libuv's thread pool
 * runs at once by default; SQLite itself still runs one statement of a connection at a time.
 */
export const STATEMENTS_PER_QUERY = 4;

interface KeptStatement {
  readonly statement: sqlite3.Statement;
  /** Calls handed to it and not answered yet. */
  calls: number;
}

interface Query {
  readonly statements: KeptStatement[];
  /** Statements of this query still being prepared. */
  preparing: number;
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

  const queries = new Map<string, Query>();
  const firstStatements = new Map<string, Promise<Query>>();
  const preparations = new Set<Promise<unknown>>();
  const prepare = (sql: string): Promise<sqlite3.Statement> => {
    const preparation = new Promise<sqlite3.Statement>((resolve, reject) => {
      const prepared: sqlite3.Statement = database.prepare(sql, (error) =>
        error ? reject(error) : resolve(prepared),
      );
    });
    preparations.add(preparation);
    const forget = () => preparations.delete(preparation);
    preparation.then(forget, forget);
    return preparation;
  };
  // A query's first statement is prepared before its first call runs, so a mistake in the SQL fails that call.
  const firstOf = (sql: string): Promise<Query> => {
    let first = firstStatements.get(sql);
    if (first === undefined) {
      first = prepare(sql).then(
        (statement) => {
          firstStatements.delete(sql);
          const prepared: Query = { statements: [{ statement, calls: 0 }], preparing: 0 };
          queries.set(sql, prepared);
          return prepared;
        },
        (error: unknown) => {
          firstStatements.delete(sql);
          throw error;
        },
      );
      firstStatements.set(sql, first);
    }
    return first;
  };
  // More statements are prepared only while every kept one is busy, and join once ready: a call never waits on a
  // statement still being prepared (node-sqlite3 drops the calls queued on one whose preparation fails).
  const grow = (sql: string, query: Query): void => {
    query.preparing += 1;
    prepare(sql).then(
      (statement) => {
        query.preparing -= 1;
        query.statements.push({ statement, calls: 0 });
      },
      (error: unknown) => {
        query.preparing -= 1;
        reportError("sqlite", error);
      },
    );
  };
  const run = (kept: KeptStatement, parameters: unknown[]): Promise<unknown[]> =>
    new Promise((resolve, reject) => {
      kept.calls += 1;
      kept.statement.all(parameters, (error: Error | null, rows: unknown[]) => {
        kept.calls -= 1;
        if (error) reject(error);
        else resolve(rows);
      });
    });

  const callOn = (sql: string, query: Query, parameters: unknown[]): Promise<unknown[]> => {
    let idlest = query.statements[0] as KeptStatement;
    for (const kept of query.statements) if (kept.calls < idlest.calls) idlest = kept;
    if (idlest.calls > 0 && query.statements.length + query.preparing < STATEMENTS_PER_QUERY)
      grow(sql, query);
    // node-sqlite3 queues a call on a statement that is still running.
    return run(idlest, parameters);
  };

  return {
    // Handed to node-sqlite3 at once when the query is prepared: no turn of the event loop before it runs.
    all: (sql, parameters = []) => {
      const query = queries.get(sql);
      if (query === undefined) return firstOf(sql).then((prepared) => callOn(sql, prepared, parameters));
      return callOn(sql, query, parameters);
    },
    close: async () => {
      await Promise.allSettled([...preparations]);
      const statements = [...queries.values()].flatMap((query) => query.statements);
      await Promise.all(
        statements.map(
          ({ statement }) => new Promise<void>((resolve) => statement.finalize(() => resolve())),
        ),
      );
      queries.clear();
      await new Promise<void>((resolve, reject) =>
        database.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
