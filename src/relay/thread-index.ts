import type { AppStore } from "../store/types.js";
import type { ThreadIndex } from "./types.js";

// A day's thread is looked up during that UTC day; a second day covers late deliveries and clock skew.
const THREAD_TTL_MS = 2 * 24 * 60 * 60 * 1000;

// Long enough for the opening post to be made and remembered; a replica that dies holding it blocks no one longer.
const OPENING_CLAIM_TTL_MS = 30_000;

/** The ThreadIndex on the store's `relay` namespace and its atomic claims, shared by every replica. */
export function createStoreThreadIndex(store: Pick<AppStore, "namespace" | "atomic">): ThreadIndex {
  const keyv = store.namespace<string>("relay");
  const key = (contact: string, day: string) => `thread:${contact}:${day}`;
  const openingKey = (contact: string, day: string) => `thread-opening:${contact}:${day}`;
  return {
    get: (contact, day) => keyv.get(key(contact, day)),
    async set(contact, day, ts) {
      await keyv.set(key(contact, day), ts, THREAD_TTL_MS);
    },
    claimOpening: (contact, day) =>
      store.atomic.claim("relay", openingKey(contact, day), OPENING_CLAIM_TTL_MS),
    releaseOpening: (contact, day) => store.atomic.release("relay", openingKey(contact, day)),
  };
}
