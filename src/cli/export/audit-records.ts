import type { AuditRecord } from "../../moderation/types.js";
import type { AppStore } from "../../store/types.js";

/**
 * Every audit record in the store (docs/CONTRACT.md §5, §6). The audit trail (src/moderation/audit-trail.ts) keys
 * records per contact (`<contact>:<seq>`) for fast reads of one contact's history and offers no listing, so the
 * export walks the store's "audit" namespace itself; the sequence counters live apart (atomic ops), so only records
 * are met. Sorted oldest first, as an auditor reads them.
 */
export class AuditListingUnsupportedError extends Error {
  constructor(kind: string) {
    super(`the ${kind} store cannot list its audit records`);
  }
}

export async function listAuditRecords(store: AppStore, since?: Date): Promise<AuditRecord[]> {
  const namespace = store.namespace<AuditRecord>("audit");
  if (namespace.iterator === undefined) throw new AuditListingUnsupportedError(store.kind);
  const byId = new Map<string, AuditRecord>();
  const from = since?.toISOString();
  for await (const [, value] of namespace.iterator(undefined)) {
    if (!isAuditRecord(value)) continue;
    if (from !== undefined && value.at < from) continue;
    // A record appended while the walk pages through the table may be met twice.
    byId.set(value.id, value);
  }
  return [...byId.values()].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

function isAuditRecord(value: unknown): value is AuditRecord {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Partial<Record<keyof AuditRecord, unknown>>;
  return (
    typeof record.id === "string" &&
    typeof record.at === "string" &&
    typeof record.actor === "string" &&
    typeof record.action === "string" &&
    typeof record.contact === "string" &&
    typeof record.outcome === "string"
  );
}
