import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPreparedConnection, type PreparedConnection } from "../../src/store/sqlite-statements.js";

/** When SQLite ran the statement, in ms since the epoch (julianday('now') counts whole milliseconds). */
const RAN_AT = "SELECT (julianday('now') - 2440587.5) * 86400000.0 AS at";
/** As many calls at once as libuv's thread pool runs by default. */
const AT_ONCE = 4;

describe("the SQLite connection that keeps its statements prepared", () => {
  let dir: string;
  let connection: PreparedConnection;
  const errors: unknown[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "wam-statements-"));
    connection = await openPreparedConnection(join(dir, "store.sqlite"), 1000, (_source, error) => {
      errors.push(error);
    });
  });

  afterAll(async () => {
    await connection.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("runs four calls of one query side by side while the event loop is held", async () => {
    // The query's first call prepares its statements.
    await connection.all(RAN_AT);
    const calls = Array.from({ length: AT_ONCE }, () => connection.all(RAN_AT));
    // Held as a burst of work holds it: a statement's next call could only start once the loop is free again.
    const heldUntil = Date.now() + 300;
    while (Date.now() < heldUntil) {
      // nothing: the loop is held
    }
    const ranAt = (await Promise.all(calls)).map(
      (rows) => (rows as Array<{ at: number }>)[0]?.at ?? Infinity,
    );
    expect(ranAt.filter((at) => at < heldUntil)).toHaveLength(AT_ONCE);
    expect(errors).toEqual([]);
  });

  it("fails the call, not the connection, when the SQL is wrong", async () => {
    await expect(connection.all("SELECT FROM nowhere")).rejects.toThrow(/SQLITE_ERROR/);
    await expect(connection.all("SELECT 1 AS one")).resolves.toEqual([{ one: 1 }]);
  });
});
