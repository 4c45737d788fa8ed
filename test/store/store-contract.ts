import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { KeyvStoreAdapter } from "keyv";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type AppStore,
  createStore,
  type StoreOptions,
  StoreUnavailableError,
} from "../../src/store/index.js";
import { captureLogger } from "../support/capture-logger.js";
import type { StoreServer } from "./servers.js";

/** What every store must do, whatever server is behind it. `openServer` runs once, before the first test. */
export function describeStoreContract(openServer: () => Promise<StoreServer>): void {
  let server: StoreServer;
  let prefix: string;
  const prefixes: string[] = [];
  const opened: AppStore[] = [];

  const newPrefix = (): string => {
    const fresh = `t${randomUUID().slice(0, 8)}`;
    prefixes.push(fresh);
    return fresh;
  };
  const open = async (options: StoreOptions = {}): Promise<AppStore> => {
    server ??= await openServer();
    const store = await createStore(server.url, {
      prefix,
      purgeIntervalMs: false,
      logger: captureLogger(),
      ...options,
    });
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    prefix = newPrefix();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });
  afterAll(async () => {
    await server?.cleanUp(prefixes);
  });

  describe("namespaces", () => {
    it("reads back what was written and forgets what was deleted", async () => {
      const checks = (await open()).namespace<{ status: string }>("checks");
      await checks.set("+16315551000", { status: "valid" });
      expect(await checks.get("+16315551000")).toEqual({ status: "valid" });
      expect(await checks.delete("+16315551000")).toBe(true);
      expect(await checks.get("+16315551000")).toBeUndefined();
    });

    it("returns the same Keyv for a namespace on every call", async () => {
      const store = await open();
      expect(store.namespace("audit")).toBe(store.namespace("audit"));
    });

    it("reads many keys at once, with undefined for missing and expired ones", async () => {
      const checks = (await open()).namespace<string>("checks");
      await checks.set("a", "first");
      await checks.set("b", "gone soon", 50);
      await checks.set("c", "third");
      await sleep(150);
      expect(await checks.getMany(["a", "b", "missing", "c"])).toEqual([
        "first",
        undefined,
        undefined,
        "third",
      ]);
    });

    it("keeps the same key in two namespaces as two values", async () => {
      const store = await open();
      await store.namespace("checks").set("k", "a check");
      await store.namespace("relay").set("k", "a relay entry");
      expect(await store.namespace("checks").get("k")).toBe("a check");
      expect(await store.namespace("relay").get("k")).toBe("a relay entry");
    });

    it("clears one namespace without touching the others", async () => {
      const store = await open();
      await store.namespace("checks").set("k", "a check");
      await store.namespace("audit").set("k", "an audit record");
      await store.namespace("checks").clear();
      expect(await store.namespace("checks").get("k")).toBeUndefined();
      expect(await store.namespace("audit").get("k")).toBe("an audit record");
    });

    it("hides entries from a store with another prefix", async () => {
      const mine = await open();
      const theirs = await open({ prefix: newPrefix() });
      await mine.namespace("checks").set("k", "mine");
      expect(await theirs.namespace("checks").get("k")).toBeUndefined();
    });

    it("shares entries between two store instances with the same prefix", async () => {
      const writer = await open();
      const reader = await open();
      await writer.namespace("relay").set("wamid.1", "seen");
      expect(await reader.namespace("relay").get("wamid.1")).toBe("seen");
    });

    it("writes many entries in one adapter call, one statement on SQL, each with its own TTL", async () => {
      const store = await open();
      const checks = store.namespace<string>("checks");
      const adapter = checks.store as KeyvStoreAdapter & { query?: (...args: unknown[]) => Promise<unknown> };
      const set = vi.spyOn(adapter, "set");
      const setMany = vi.spyOn(adapter as Required<KeyvStoreAdapter>, "setMany");
      const query =
        adapter.query === undefined ? undefined : vi.spyOn(adapter as { query: () => unknown }, "query");

      await checks.setMany([
        ...Array.from({ length: 20 }, (_, i) => ({ key: `n${i}`, value: `v${i}`, ttl: 60_000 })),
        { key: "short", value: "lived", ttl: 100 },
      ]);

      expect(setMany).toHaveBeenCalledTimes(1);
      expect(set).not.toHaveBeenCalled();
      if (query !== undefined) expect(query).toHaveBeenCalledTimes(1);
      expect(await checks.getMany(["n0", "n19", "short"])).toEqual(["v0", "v19", "lived"]);
      await sleep(250);
      expect(await checks.getMany(["n0", "n19", "short"])).toEqual(["v0", "v19", undefined]);
      // Writing the same keys again replaces them.
      await checks.setMany([{ key: "n0", value: "again" }]);
      expect(await checks.get("n0")).toBe("again");
    });

    it("forgets an entry once its TTL has passed", async () => {
      const checks = (await open()).namespace("checks");
      await checks.set("short", "lived", 100);
      await checks.set("long", "lived", 60_000);
      await sleep(250);
      expect(await checks.get("short")).toBeUndefined();
      expect(await checks.get("long")).toBe("lived");
    });
  });

  describe("atomic increment", () => {
    it("adds up exactly when two store instances increment one counter concurrently", async () => {
      const [first, second] = [await open(), await open()];
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          (i % 2 === 0 ? first : second).atomic.increment("budget", "today", 1, 60_000),
        ),
      );
      // Each caller saw a distinct value: no two increments read the same old value.
      expect([...results].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      expect(await first.atomic.increment("budget", "today", 0, 60_000)).toBe(100);
    });

    it("starts at zero, takes negative steps and keeps counters apart per namespace and prefix", async () => {
      const store = await open();
      const other = await open({ prefix: newPrefix() });
      expect(await store.atomic.increment("budget", "n", 5, 60_000)).toBe(5);
      expect(await store.atomic.increment("budget", "n", -2, 60_000)).toBe(3);
      expect(await store.atomic.increment("checks", "n", 1, 60_000)).toBe(1);
      expect(await other.atomic.increment("budget", "n", 1, 60_000)).toBe(1);
    });

    it("starts again from the step once the counter's TTL has passed, however often it was incremented", async () => {
      const store = await open();
      await store.atomic.increment("budget", "day", 1, 500);
      await sleep(250);
      // A later increment does not push the expiry back.
      expect(await store.atomic.increment("budget", "day", 1, 500)).toBe(2);
      await sleep(400);
      expect(await store.atomic.increment("budget", "day", 7, 500)).toBe(7);
    });

    it("refuses a fractional step or a TTL that is not positive", async () => {
      const store = await open();
      await expect(store.atomic.increment("budget", "n", 0.5, 1000)).rejects.toThrow(RangeError);
      await expect(store.atomic.increment("budget", "n", 1, 0)).rejects.toThrow(RangeError);
    });
  });

  describe("atomic read", () => {
    it("reads a missing counter as 0 and stores nothing for it", async () => {
      const store = await open();
      expect(await store.atomic.read("audit", "seq:+16315551000")).toBe(0);
      expect(await server.countEntries(prefix)).toBe(0);
    });

    it("reads what increments left, from another store instance too, without changing it", async () => {
      const [writer, reader] = [await open(), await open()];
      await writer.atomic.increment("audit", "seq", 3, 60_000);
      await writer.atomic.increment("audit", "seq", -1, 60_000);
      expect(await reader.atomic.read("audit", "seq")).toBe(2);
      expect(await reader.atomic.read("audit", "seq")).toBe(2);
      expect(await reader.atomic.read("budget", "seq")).toBe(0);
    });

    it("reads an expired counter as 0", async () => {
      const store = await open();
      await store.atomic.increment("cache", "generation", 4, 100);
      await sleep(250);
      expect(await store.atomic.read("cache", "generation")).toBe(0);
    });
  });

  describe("atomic claim", () => {
    it("lets exactly one of many concurrent claimers win, across two store instances", async () => {
      const [first, second] = [await open(), await open()];
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 === 0 ? first : second).atomic.claim("relay", "wamid.X", 60_000),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it("can be claimed again once its TTL has passed, and per namespace", async () => {
      const store = await open();
      expect(await store.atomic.claim("relay", "wamid.Y", 400)).toBe(true);
      expect(await store.atomic.claim("relay", "wamid.Y", 400)).toBe(false);
      expect(await store.atomic.claim("audit", "wamid.Y", 400)).toBe(true);
      await sleep(600);
      expect(await store.atomic.claim("relay", "wamid.Y", 400)).toBe(true);
    });

    it("can be claimed again at once after a release, by another store instance too", async () => {
      const [first, second] = [await open(), await open()];
      expect(await first.atomic.claim("relay", "opening", 60_000)).toBe(true);
      expect(await second.atomic.claim("relay", "opening", 60_000)).toBe(false);

      await first.atomic.release("relay", "opening");

      expect(await second.atomic.claim("relay", "opening", 60_000)).toBe(true);
      expect(await first.atomic.claim("relay", "opening", 60_000)).toBe(false);
      await second.atomic.release("relay", "never-claimed");
    });

    it("is not released by a store instance whose claim lapsed and was taken by another", async () => {
      const [lapsed, successor, third] = [await open(), await open(), await open()];
      expect(await lapsed.atomic.claim("relay", "lease", 200)).toBe(true);
      await sleep(300);
      expect(await successor.atomic.claim("relay", "lease", 60_000)).toBe(true);

      await lapsed.atomic.release("relay", "lease");

      expect(await third.atomic.claim("relay", "lease", 60_000)).toBe(false);
      await successor.atomic.release("relay", "lease");
      expect(await third.atomic.claim("relay", "lease", 60_000)).toBe(true);
    });
  });

  describe("purging expired entries", () => {
    /** Four entries that expire within 100 ms and two that stay; returns when the four have expired. */
    const writeExpiringAndLive = async (store: AppStore): Promise<void> => {
      await store.namespace("checks").set("gone", "x", 100);
      await store.namespace("audit").set("gone", "x", 100);
      await store.namespace("relay").set("kept", "x");
      await store.atomic.increment("budget", "gone", 1, 100);
      await store.atomic.claim("relay", "gone", 100);
      await store.atomic.increment("budget", "kept", 1, 60_000);
      await sleep(250);
    };

    it("deletes expired entries and counters and keeps live ones", async () => {
      const store = await open();
      await writeExpiringAndLive(store);
      expect(await server.countEntries(prefix)).toBe(server.keepsExpiredRows ? 6 : 2);

      expect(await store.purgeExpired()).toBe(server.keepsExpiredRows ? 4 : 0);

      expect(await server.countEntries(prefix)).toBe(2);
      expect(await store.namespace("relay").get("kept")).toBe("x");
      expect(await store.atomic.increment("budget", "kept", 0, 60_000)).toBe(1);
    });

    it("leaves the expired entries of another prefix to that prefix's store", async () => {
      const theirPrefix = newPrefix();
      await writeExpiringAndLive(await open({ prefix: theirPrefix }));
      const before = await server.countEntries(theirPrefix);
      await (await open()).purgeExpired();
      expect(await server.countEntries(theirPrefix)).toBe(before);
    });

    it("purges once at start, in the background, unless purging is turned off", async () => {
      await writeExpiringAndLive(await open());
      await open({ purgeIntervalMs: false });
      expect(await server.countEntries(prefix)).toBe(server.keepsExpiredRows ? 6 : 2);
      await open({ purgeIntervalMs: 60_000 });
      await vi.waitFor(async () => expect(await server.countEntries(prefix)).toBe(2), { timeout: 5_000 });
    });

    it("purges in small batches: every expired row goes, however many, and live rows between them stay", async () => {
      const store = await open({ purgeBatchSize: 3, purgePauseMs: 0 });
      const checks = store.namespace<string>("checks");
      // Expired and live rows interleaved in key order, so that windows hold both.
      await checks.setMany(
        Array.from({ length: 40 }, (_, i) => ({
          key: `k${String(i).padStart(2, "0")}`,
          value: "x",
          ttl: i % 4 === 0 ? 60_000 : 100,
        })),
      );
      for (let i = 0; i < 7; i++) await store.atomic.increment("budget", `gone${i}`, 1, 100);
      await sleep(250);

      expect(await store.purgeExpired()).toBe(server.keepsExpiredRows ? 30 + 7 : 0);

      expect(await server.countEntries(prefix)).toBe(10);
      expect(await checks.getMany(["k00", "k04", "k36"])).toEqual(["x", "x", "x"]);
    });

    it("stops a purge between batches when the store closes, without waiting for the rest", async () => {
      const store = await open({ purgeBatchSize: 1, purgePauseMs: 100 });
      await store
        .namespace("checks")
        .setMany(Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, value: "x", ttl: 100 })));
      await sleep(250);
      const purge = store.purgeExpired();
      const started = Date.now();
      await store.close();
      expect(Date.now() - started).toBeLessThan(1_000);
      const removed = await purge;
      if (server.keepsExpiredRows) {
        expect(removed).toBeLessThan(30);
        expect(await server.countEntries(prefix)).toBe(30 - removed);
      }
    });
  });

  describe("health and shutdown", () => {
    it("takes a write probe while open", async () => {
      await expect((await open()).probeWrite()).resolves.toBeUndefined();
    });

    it("closes idempotently, then reports itself unavailable and fails writes with a logged warning", async () => {
      const logger = captureLogger();
      const store = await open({ logger });
      const audit = store.namespace("audit");
      await store.close();
      await expect(store.close()).resolves.toBeUndefined();

      await expect(store.probeWrite()).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(audit.set("record", "x")).rejects.toThrow();
      expect(
        logger.lines.some((line) => line.includes('"level":"warn"') && line.includes("namespace audit")),
      ).toBe(true);
    });
  });
}
