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

  const ready = new Map<string, sqlite3.Statement>();
  const preparing = new Map<string, Promise<sqlite3.Statement>>();
  const prepare = (sql: string): Promise<sqlite3.Statement> => {
    let statement = preparing.get(sql);
    if (statement === undefined) {
      statement = new Promise((resolve, reject) => {
        const prepared: sqlite3.Statement = database.prepare(sql, (error) => {
          preparing.delete(sql);
          if (error) return reject(error);
          ready.set(sql, prepared);
          resolve(prepared);
        });
      });
      preparing.set(sql, statement);
    }
    return statement;
  };
  // node-sqlite3 queues calls on a statement that is still running, so callers may share one.
  const run = (statement: sqlite3.Statement, parameters: unknown[]): Promise<unknown[]> =>
    new Promise((resolve, reject) => {
      statement.all(parameters, (error: Error | null, rows: unknown[]) =>
        error ? reject(error) : resolve(rows),
      );
    });

  return {
    all: async (sql, parameters = []) => run(ready.get(sql) ?? (await prepare(sql)), parameters),
    close: async () => {
      await Promise.allSettled([...preparing.values()]);
      await Promise.all(
        [...ready.values()].map(
          (statement) => new Promise<void>((resolve) => statement.finalize(() => resolve())),
        ),
      );
      ready.clear();
      await new Promise<void>((resolve, reject) =>
        database.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
