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

/** "unchecked": the backend has no contact check (cloud); the row holds what the bot itself knows instead. */
export type CheckRowStatus = ContactStatus | "unparseable" | "unchecked";

/** What the bot knows of a contact without asking WhatsApp (docs/CONTRACT.md §1.3), each fact with its source. */
export interface LocalFacts {
  /** From the BSUID map the relay keeps. */
  bsuid?: string;
  username?: string;
  /** From the audit trail: blocked by the last successful block or unblock recorded here. */
  blockedHere?: boolean;
  lastAction?: Pick<AuditRecord, "action" | "outcome" | "at" | "actor">;
  /** From the relay: when the contact last wrote, and whether that was within 24 hours. */
  lastInboundAt?: string;
  windowOpen?: boolean;
}

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
  /** The BSUID of a contact known only by it (cloud). */
  bsuid?: string;
  /** Status "unchecked": what the bot knows instead. */
  local?: LocalFacts;
  /** Rows WhatsApp answered: false when that answer came from API v2.43 on, where "valid" says nothing. */
  statusIsSignal?: boolean;
  /** Cached rows: the API version the answer was saved from. */
  apiVersion?: string;
}

export interface CheckReport {
  rows: CheckRow[];
  /** "whatsapp": the backend's contact check; "local": what the bot knows (cloud has no contact check). */
  source: "whatsapp" | "local";
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
  /**
   * Set while the store cannot count the shared budget: `used` and `limit` are then this process's own count and
   * allowance (5 % of `dailyLimit`, CHECK_DAILY_BUDGET; docs/CONTRACT.md §6).
   */
  processOnly?: { dailyLimit: number };
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
  /** The E.164 number, or the BSUID of a contact whose number is not known. */
  contact: string;
  /** Report on a backend with no report API: recorded and audited here only. */
  recordedOnly?: boolean;
  record: AuditRecord;
  warnings: PhoneWarning[];
}

export interface ReportRequest {
  reason?: string;
  block?: boolean;
  messageId?: string;
}

export interface BlocklistRow {
  /** As WhatsApp listed it; absent for a contact listed only by its BSUID (cloud). */
  waId?: string;
  bsuid?: string;
  /** Known from webhooks, for a row listed only by its BSUID. */
  username?: string;
  /** Absent when the id is not 7 to 15 digits: such a row cannot be unblocked by number. */
  e164?: string;
  /** "+1 631-555-1000"; the raw id (or the BSUID) when there is no E.164. */
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
  /** The list changed while being paged (cloud's 139102), so this is page one again. */
  restarted?: boolean;
}

export interface ContactHistory {
  e164: string;
  display: string;
  /** Newest first: the most recent records only. */
  trail: AuditRecord[];
  /** How many records the whole trail holds; more than `trail.length` when older ones were left out. */
  trailTotal?: number;
  lastInboundAt?: string;
  lastMessageId?: string;
  lastCheck?: { status: ContactStatus; waId?: string; checkedAt: string; apiVersion?: string };
}

/** When a contact last wrote, as the relay recorded it: the core reads it to explain the 24-hour rule. */
export interface LastInboundReader {
  /** `contact`: the wa_id when known, else the BSUID (docs/CONTRACT.md §1.3). */
  last(contact: string): Promise<InboundRecord | undefined>;
}

export interface InboundRecord {
  /** The contact key: the sender's wa_id when WhatsApp gave one, else their BSUID (docs/CONTRACT.md §1.3). */
  contact: string;
  messageId: string;
  /** ISO time the message was sent. */
  at: string;
}

/** What the relay learned of one WhatsApp user from Cloud webhooks: the BSUID ↔ wa_id ↔ username map (§1.3). */
export interface ContactIdentity {
  waId?: string;
  /** Business-scoped user id, e.g. "US.13491208655302741918": the current one when it changed. */
  bsuid?: string;
  /** WhatsApp username as the webhook wrote it, e.g. "@realsheenanelson". */
  username?: string;
  /** ISO time this identity was last learned. */
  seenAt: string;
}

/** Looks contacts up in that map; the core reads it to name a BSUID or a number it is asked about. */
export interface ContactDirectory {
  byWaId(waId: string): Promise<ContactIdentity | undefined>;
  byBsuid(bsuid: string): Promise<ContactIdentity | undefined>;
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
