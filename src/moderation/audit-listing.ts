import { AppError } from "../common/app-error.js";
import type { AppStore } from "../store/types.js";
import type { AuditRecord } from "./types.js";

/** A store whose Keyv adapter cannot iterate: its audit records can be read per contact only. */
export class AuditListingUnsupportedError extends AppError {
  readonly code = "audit_listing_unsupported";

  constructor(kind: string) {
    super(`the ${kind} store cannot list its audit records`);
  }
}

/**
 * Every audit record in the store, for `audit export` (docs/CONTRACT.md §5, §10). The audit trail (audit-trail.ts)
 * keys records per contact (`<contact>:<seq>`) for fast reads of one contact's history; a listing of all of them
 * walks the "audit" namespace, where the sequence counters live apart (atomic ops), so only records are met.
 * Sorted oldest first, as an auditor reads them.
 */
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
