import { access, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createStore, StoreUnavailableError, StoreUrlError } from "../../src/store/index.js";
import { captureLogger } from "../support/capture-logger.js";

const quiet = { logger: captureLogger(), purgeIntervalMs: false } as const;

describe("createStore", () => {
  describe("when STORE_URL is not usable", () => {
    it.each([
      ["an unknown scheme", "mysql://db.example:3306/wam"],
      ["no URL at all", "data/wa-moderator.sqlite"],
      ["an empty SQLite path", "sqlite://"],
      ["a Redis path that is not a database number", "redis://127.0.0.1:6379/cache"],
    ])("refuses %s with StoreUrlError and an example", async (_, url) => {
      const error = await createStore(url, quiet).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StoreUrlError);
      expect(error).toMatchObject({ code: "store_url_invalid" });
      expect((error as Error).message).toContain("sqlite://./data/wa-moderator.sqlite");
    });

    it("does not repeat a password it was given", async () => {
      const error = await createStore("mysql://wam:hunter2@db.example/wam", quiet).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(StoreUrlError);
      expect((error as Error).message).not.toContain("hunter2");
    });
  });

  describe("when the prefix holds SQL LIKE or Redis SCAN wildcards", () => {
    it("refuses it before opening anything", async () => {
      await expect(createStore("sqlite://:memory:", { ...quiet, prefix: "wam_*" })).rejects.toThrow(
        RangeError,
      );
    });
  });

  describe("when the server does not answer", () => {
    it.each([
      ["Redis", "redis://:hunter2@127.0.0.1:1", "redis://:***@127.0.0.1:1"],
      [
        "PostgreSQL",
        "postgres://postgres:hunter2@127.0.0.1:1/test",
        "postgres://postgres:***@127.0.0.1:1/test",
      ],
    ])("%s fails fast with StoreUnavailableError naming the masked URL", async (_, url, displayUrl) => {
      const logger = captureLogger();
      const started = Date.now();
      const error = await createStore(url, { ...quiet, logger }).catch((caught: unknown) => caught);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error).toMatchObject({ code: "store_unavailable", displayUrl });
      expect((error as Error).message).toContain(displayUrl);
      expect(`${(error as Error).message}\n${logger.lines.join("\n")}`).not.toContain("hunter2");
    });
  });

  describe("with SQLite", () => {
    const dirs: string[] = [];
    afterAll(async () => {
      await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
    });

    it("creates the folder and the file on first start", async () => {
      const dir = await mkdtemp(join(tmpdir(), "wam-store-test-"));
      dirs.push(dir);
      const file = join(dir, "data", "deeper", "wa-moderator.sqlite");
      const store = await createStore(`sqlite://${file}`, quiet);
      await store.close();
      await expect(access(file)).resolves.toBeUndefined();
      expect(store).toMatchObject({ kind: "sqlite", displayUrl: `sqlite://${file}` });
    });

    it("treats sqlite://:memory: as a private database that every namespace and counter shares", async () => {
      const store = await createStore("sqlite://:memory:", quiet);
      const other = await createStore("sqlite://:memory:", quiet);
      await store.namespace("checks").set("k", "v", 50);
      await store.atomic.increment("budget", "n", 1, 50);
      expect(await other.namespace("checks").get("k")).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(await store.purgeExpired()).toBe(2);
      await Promise.all([store.close(), other.close()]);
    });
  });
});
