import type { KeyvStoreAdapter } from "keyv";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type CachedCheck, CHECK_TTL_MS, createCheckCache } from "../../src/moderation/check-cache.js";
import { type AppStore, createStore } from "../../src/store/index.js";
import { captureLogger } from "../support/capture-logger.js";
import { STORE_TARGETS, uniquePrefix } from "../support/store-targets.js";
import { requireServers } from "./servers.js";

/** The check cache writes one check's answers (up to 20) in one store call, on every store. */

const answer = (i: number): CachedCheck => ({
  status: i % 3 === 0 ? "invalid" : "valid",
  ...(i % 3 === 0 ? {} : { waId: `1631555${String(i).padStart(4, "0")}` }),
  checkedAt: 1_700_000_000_000 + i,
  statusIsSignal: true,
});

for (const target of STORE_TARGETS) {
  // store.test.ts fails loudly for a missing server in CI; here the cases would only repeat that.
  describe.skipIf(!target.available && !requireServers)(`check cache on ${target.name}`, () => {
    const opened: AppStore[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });
    const open = async () => {
      const store = await createStore(await target.url(), {
        prefix: uniquePrefix(),
        purgeIntervalMs: false,
        logger: captureLogger(),
      });
      opened.push(store);
      return store;
    };

    it("saves a check's 20 answers with one multi-set, each kept for 7 days", async () => {
      const store = await open();
      const adapter = store.namespace("checks").store as Required<KeyvStoreAdapter>;
      const set = vi.spyOn(adapter, "set");
      const setMany = vi.spyOn(adapter, "setMany");
      const numbers = Array.from({ length: 20 }, (_, i) => `+1631555${String(i).padStart(4, "0")}`);
      const before = Date.now();

      await createCheckCache(store).setMany(numbers.map((number, i) => [number, answer(i)]));

      expect(setMany).toHaveBeenCalledTimes(1);
      expect(set).not.toHaveBeenCalled();
      const found = await createCheckCache(store).getMany([...numbers, "+16315559999"]);
      expect(found.size).toBe(20);
      expect(found.get("+16315550004")).toEqual(answer(4));
      const raw = await store.namespace<CachedCheck>("checks").getRaw("+16315550000");
      expect(raw?.expires).toBeGreaterThanOrEqual(before + CHECK_TTL_MS);
      expect(raw?.expires).toBeLessThanOrEqual(Date.now() + CHECK_TTL_MS);
    });

    it("writes nothing for a check with no final answer", async () => {
      const store = await open();
      const adapter = store.namespace("checks").store as Required<KeyvStoreAdapter>;
      const setMany = vi.spyOn(adapter, "setMany");
      await createCheckCache(store).setMany([]);
      expect(setMany).not.toHaveBeenCalled();
    });
  });
}
