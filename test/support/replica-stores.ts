import { afterEach } from "vitest";
import { type AppStore, createStore } from "../../src/store/index.js";
import { captureLogger } from "./capture-logger.js";
import { type StoreTarget, uniquePrefix } from "./store-targets.js";

/**
 * Stores as replicas open them: `count` connections to `target`'s server under one fresh prefix, each connected
 * before it is handed out, all closed after the test. Call inside a describe block.
 */
export function replicaStores(): (target: StoreTarget, count: number) => Promise<AppStore[]> {
  const opened: AppStore[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });
  return async (target, count) => {
    const url = await target.url();
    const prefix = uniquePrefix();
    return Promise.all(
      Array.from({ length: count }, async () => {
        const store = await createStore(url, { prefix, purgeIntervalMs: false, logger: captureLogger() });
        opened.push(store);
        await store.atomic.read("limits", "connected");
        return store;
      }),
    );
  };
}
