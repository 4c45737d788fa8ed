import { randomUUID } from "node:crypto";
import { DAY_MS } from "../common/time.js";
import type { AppStore } from "../store/types.js";
import type { AuditRecord } from "./types.js";

/**
 * Each contact's moderation trail. A per-contact sequence from the store's atomic counter numbers the records,
 * so two replicas appending at once never overwrite each other, and the newest are read by key without a scan.
 */
export interface AuditTrail {
  append(record: Omit<AuditRecord, "id">): Promise<AuditRecord>;
  /** Newest first. */
  recent(contact: string, limit: number): Promise<AuditRecord[]>;
  /** How many records the contact's trail holds, so a reader of `recent` can say what it left out. */
  count(contact: string): Promise<number>;
}

// Audit records are evidence; keep them for ten years rather than forever so the store cannot grow unbounded.
const AUDIT_TTL_MS = 3650 * DAY_MS;

export function createAuditTrail(store: AppStore): AuditTrail {
  const records = store.namespace<AuditRecord>("audit");
  const recordKey = (contact: string, seq: number) => `${contact}:${seq}`;
  const seqKey = (contact: string) => `seq:${contact}`;

  return {
    async append(fields) {
      const record: AuditRecord = { id: randomUUID(), ...fields };
      const seq = await store.atomic.increment("audit", seqKey(record.contact), 1, AUDIT_TTL_MS);
      await records.set(recordKey(record.contact, seq), record, AUDIT_TTL_MS);
      return record;
    },
    async recent(contact, limit) {
      const last = await store.atomic.read("audit", seqKey(contact));
      const keys: string[] = [];
      for (let seq = last; seq > 0 && keys.length < limit; seq--) keys.push(recordKey(contact, seq));
      if (keys.length === 0) return [];
      const found = await records.getMany(keys);
      return found.filter((record): record is AuditRecord => record !== undefined);
    },
    count: (contact) => store.atomic.read("audit", seqKey(contact)),
  };
}
