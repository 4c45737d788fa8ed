import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createStore } from "../../src/store/index.js";
import { captureLogger } from "../support/capture-logger.js";

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("opening one new SQLite file from several replicas at once", () => {
  it("opens every store (no SQLITE_BUSY while another one switches the new file to WAL)", async () => {
    const failures: string[] = [];
    for (let round = 0; round < 60; round += 1) {
      const dir = await mkdtemp(join(tmpdir(), "wam-open-"));
      dirs.push(dir);
      const url = `sqlite://${join(dir, "store.sqlite")}`;
      const opened = await Promise.allSettled(
        [0, 1, 2, 3].map(() =>
          createStore(url, { prefix: "t", purgeIntervalMs: false, logger: captureLogger() }),
        ),
      );
      for (const result of opened) {
        if (result.status === "rejected") failures.push(String(result.reason));
        else await result.value.close();
      }
    }
    expect(failures).toEqual([]);
  });
});
