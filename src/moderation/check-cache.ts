import type Keyv from "keyv";
import { DAY_MS } from "../common/time.js";
import type { AppStore } from "../store/types.js";
import type { ContactStatus } from "../whatsapp/backend.js";

/** A final contact-check answer, kept as long as the server keeps its own (7 days). */
export interface CachedCheck {
  status: ContactStatus;
  waId?: string;
  /** Epoch ms of the upstream answer. */
  checkedAt: number;
  apiVersion?: string;
  statusIsSignal: boolean;
}

export const CHECK_TTL_MS = 7 * DAY_MS;

export interface CheckCache {
  getMany(e164s: string[]): Promise<Map<string, CachedCheck>>;
  get(e164: string): Promise<CachedCheck | undefined>;
  /** One check's answers in one write: one statement (one transaction) on SQL stores, one MULTI on Redis. */
  setMany(entries: Array<[string, CachedCheck]>): Promise<void>;
}

export function createCheckCache(store: AppStore): CheckCache {
  const keyv: Keyv<CachedCheck> = store.namespace<CachedCheck>("checks");
  return {
    async getMany(e164s) {
      const found = new Map<string, CachedCheck>();
      if (e164s.length === 0) return found;
      const values = await keyv.getMany(e164s);
      e164s.forEach((e164, index) => {
        const value = values[index];
        if (value) found.set(e164, value);
      });
      return found;
    },
    async get(e164) {
      return keyv.get(e164);
    },
    async setMany(entries) {
      if (entries.length === 0) return;
      await keyv.setMany(entries.map(([key, value]) => ({ key, value, ttl: CHECK_TTL_MS })));
    },
  };
}
