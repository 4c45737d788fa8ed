import type Keyv from "keyv";
import type { ThreadIndex } from "./types.js";

// A day's thread is looked up during that UTC day; a second day covers late deliveries and clock skew.
const THREAD_TTL_MS = 2 * 24 * 60 * 60 * 1000;

/** The ThreadIndex on the store's `relay` namespace, shared by every replica. */
export function createKeyvThreadIndex(keyv: Keyv<string>): ThreadIndex {
  const key = (waId: string, day: string) => `thread:${waId}:${day}`;
  return {
    get: (waId, day) => keyv.get(key(waId, day)),
    async set(waId, day, ts) {
      await keyv.set(key(waId, day), ts, THREAD_TTL_MS);
    },
  };
}
