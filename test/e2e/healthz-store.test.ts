import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2EApp, startE2EApp } from "./harness.js";
import { healthOnceIs } from "./health-poll.js";

/**
 * /healthz and checks while the SQLite file cannot be written (docs/CONTRACT.md §6, §8). File modes do not stop
 * root, and a running SQLite keeps its files open, so the file and its write-ahead log are made immutable
 * (`chattr +i`), which stops every writer. The shared-memory index is left alone: SQLite maps it, and writing
 * to an immutable mapping kills the process.
 */

function immutableFilesWork(): boolean {
  if (process.getuid?.() !== 0) return false;
  const dir = mkdtempSync(join(tmpdir(), "wam-chattr-"));
  const file = join(dir, "probe");
  writeFileSync(file, "x");
  try {
    execFileSync("chattr", ["+i", file], { stdio: "ignore" });
    execFileSync("chattr", ["-i", file], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const canLock = immutableFilesWork();

describe.skipIf(!canLock)(
  `a bot whose SQLite file cannot be written${canLock ? "" : " — skipped: needs root and a file system with chattr +i"}`,
  () => {
    let app: E2EApp;
    let files: string[] = [];
    const setImmutable = (on: boolean) => {
      for (const file of files) execFileSync("chattr", [on ? "+i" : "-i", file]);
    };

    beforeAll(async () => {
      app = await startE2EApp();
      const path = app.storeUrl.slice("sqlite://".length);
      files = [path, `${path}-wal`].filter((file) => existsSync(file));
    });
    afterAll(async () => {
      setImmutable(false);
      await app?.close();
    });

    it("turns /healthz 503 naming the store, checks on with warnings that say so, and 200 again once writable", async () => {
      expect((await healthOnceIs(app.url, 200)).status).toBe(200);

      setImmutable(true);
      const down = await healthOnceIs(app.url, 503);
      expect(down.status).toBe(503);
      expect((down.body.failing as Array<{ name: string }>).map((failure) => failure.name)).toEqual([
        "store",
      ]);

      // CHECK_DAILY_BUDGET defaults to 200: this process allows itself 10 uncounted look-ups.
      const { path } = await app.command("+1 631 555 1001");
      const answer = await app.finalAnswer(path);
      expect(answer).toMatch(/the cache store did not answer/);
      expect(answer).toMatch(
        /allows itself 10 uncached checks today \(5 % of the daily budget of 200\); 9 left/,
      );

      setImmutable(false);
      expect((await healthOnceIs(app.url, 200)).status).toBe(200);
    });
  },
);
