import type { PhoneWarning } from "../phone/types.js";
import type { BlocklistPageRequest, ContactStatus } from "../whatsapp/backend.js";

/** Who is asking. Authorisation is decided by the injected `isModerator`, so Slack can supply group membership. */
export interface Actor {
  userId: string;
  /** Shown in audit records and messages, when the surface knows it. */
  displayName?: string;
}

export type IsModerator = (actor: Actor) => Promise<boolean>;

export interface CheckRequest {
  inputs: string[];
  /** Skip our cache and the server's (`force_check`). */
  force?: boolean;
  /** Blocking check (`blocking: "wait"`). */
  wait?: boolean;
  onProgress?: (progress: { done: number; total: number; round: number }) => void;
}

export type CheckRowStatus = ContactStatus | "unparseable";

export interface CheckRow {
  input: string;
  /** Absent only when the input could not be parsed. */
  e164?: string;
  warnings: PhoneWarning[];
  status: CheckRowStatus;
  waId?: string;
  /** Why the input was refused (status "unparseable"). */
  refusal?: string;
  cached: boolean;
  /** Age of the cached answer in ms (0 when fresh from the API). */
  ageMs?: number;
}

export interface CheckReport {
  rows: CheckRow[];
  apiVersion?: string;
  /** False from API v2.43 on: "valid" then says nothing about a WhatsApp account. */
  statusIsSignal: boolean;
  /** Today's budget after this check; present only when the check spent look-ups (all-cached checks read nothing). */
  budget?: BudgetState;
  /** Set when the store failed and results were not cached (degraded to "no cache"). */
  cacheWarning?: string;
}

export interface BudgetState {
  used: number;
  limit: number;
  /** ISO time of the next UTC midnight. */
  resetsAt: string;
}

export type ModerationAction = "block" | "unblock" | "report";
export type AuditOutcome = "ok" | "refused" | "failed";

export interface AuditRecord {
  id: string;
  /** ISO time. */
  at: string;
  actor: string;
  action: ModerationAction;
  /** E.164, or the raw input when it could not be parsed. */
  contact: string;
  reason?: string;
  messageId?: string;
  /** report only: also block. */
  alsoBlock?: boolean;
  outcome: AuditOutcome;
  /** The ModerationError / WhatsAppError code on refusal or failure. */
  errorCode?: string;
  waCode?: number;
  detail?: string;
}

export interface ActionResult {
  action: ModerationAction;
  e164: string;
  record: AuditRecord;
  warnings: PhoneWarning[];
}

export interface ReportRequest {
  reason?: string;
  block?: boolean;
  messageId?: string;
}

export interface BlocklistRow {
  waId: string;
  /** Absent when the id is not 7 to 15 digits: such a row cannot be unblocked by number. */
  e164?: string;
  /** "+1 631-555-1000"; the raw id when there is no E.164. */
  display: string;
}

export interface BlocklistView {
  rows: BlocklistRow[];
  /** 1-based. */
  page: number;
  /** Known on offset backends. */
  pageCount?: number;
  total?: number;
  pageSize: number;
  /** The request that gives this very page (which may be an earlier one than asked for): what to ask again. */
  shown: BlocklistPageRequest;
  next?: BlocklistPageRequest;
  previous?: BlocklistPageRequest;
}

export interface ContactHistory {
  e164: string;
  display: string;
  /** Newest first. */
  trail: AuditRecord[];
  lastInboundAt?: string;
  lastMessageId?: string;
  lastCheck?: { status: ContactStatus; waId?: string; checkedAt: string; apiVersion?: string };
}

/** When a contact last wrote, as the relay recorded it: the core reads it to explain the 24-hour rule. */
export interface LastInboundReader {
  last(waId: string): Promise<InboundRecord | undefined>;
}

export interface InboundRecord {
  waId: string;
  messageId: string;
  /** ISO time the message was sent. */
  at: string;
}

/** Sends a stored audit record on (Slack AUDIT_CHANNEL); its failure is logged, never fatal to the action. */
export type AuditPublisher = (record: AuditRecord) => Promise<void>;

export interface ModerationService {
  /** Resolves when `actor` may moderate; throws why not (NotModeratorError, or the rule could not tell). */
  access(actor: Actor): Promise<void>;
  check(actor: Actor, request: CheckRequest): Promise<CheckReport>;
  block(actor: Actor, input: string, reason?: string): Promise<ActionResult>;
  unblock(actor: Actor, input: string): Promise<ActionResult>;
  report(actor: Actor, input: string, request: ReportRequest): Promise<ActionResult>;
  /** `page` is 1-based for offset backends; a BlocklistPageRequest comes from a button value. */
  blocklist(actor: Actor, page: number | BlocklistPageRequest): Promise<BlocklistView>;
  history(actor: Actor, input: string): Promise<ContactHistory>;
}

/** Counters the core reports to; the metrics module supplies them (no-ops in tests). */
export interface ModerationMetrics {
  cacheLookup(hit: boolean): void;
  budgetLeft(remaining: number): void;
}
