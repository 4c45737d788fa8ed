import type { AppStore } from "../store/types.js";
import type { ThreadIndex } from "./types.js";

// A day's thread is looked up during that UTC day; a second day covers late deliveries and clock skew.
const THREAD_TTL_MS = 2 * 24 * 60 * 60 * 1000;

// Long enough for the opening post to be made and remembered; a replica that dies holding it blocks no one longer.
const OPENING_CLAIM_TTL_MS = 30_000;

/** The ThreadIndex on the store's `relay` namespace and its atomic claims, shared by every replica. */
export function createStoreThreadIndex(store: Pick<AppStore, "namespace" | "atomic">): ThreadIndex {
  const keyv = store.namespace<string>("relay");
  const key = (waId: string, day: string) => `thread:${waId}:${day}`;
  const openingKey = (waId: string, day: string) => `thread-opening:${waId}:${day}`;
  return {
    get: (waId, day) => keyv.get(key(waId, day)),
    async set(waId, day, ts) {
      await keyv.set(key(waId, day), ts, THREAD_TTL_MS);
    },
    claimOpening: (waId, day) => store.atomic.claim("relay", openingKey(waId, day), OPENING_CLAIM_TTL_MS),
    releaseOpening: (waId, day) => store.atomic.release("relay", openingKey(waId, day)),
  };
}
