/**
 * The one interface the rest of the app uses to talk to WhatsApp, whatever the backend (onprem, sandbox, cloud).
 * It knows nothing of Slack. Numbers come in as E.164 with the leading "+".
 */

export type BackendName = "onprem" | "sandbox" | "cloud" | "sandbox-cloud";

/**
 * Whom a block or unblock is about: a phone number (E.164 with "+"), or, on cloud, a business-scoped user id
 * (BSUID, "US.13491208655302741918") for a contact whose number is not known. Parent BSUIDs ("US.ENT.…") cannot be
 * blocked.
 */
export type ContactRef = { e164: string } | { bsuid: string };

/** What a block or unblock did besides succeeding. */
export interface ActionReceipt {
  /** An attempt got no answer and the request was sent again: the earlier one may have gone through as well. */
  resent: boolean;
}

/** One blocked contact as the blocklist names it: its wa_id (digits), its BSUID, or both. */
export interface BlockedContact {
  waId?: string;
  bsuid?: string;
}

export type ContactStatus = "processing" | "valid" | "invalid" | "failed";

export interface ContactResult {
  /** The E.164 string that was sent (the server echoes it back as `input`). */
  input: string;
  status: ContactStatus;
  waId?: string;
}

export interface CheckProgress {
  /** How many of the inputs have a final status so far. */
  done: number;
  total: number;
  /** Re-poll round, starting at 1 for the first re-issue of `processing` numbers. */
  round: number;
}

export interface CheckOptions {
  /** "wait" asks the server to block until every status is final. Default "no_wait". */
  blocking?: "wait" | "no_wait";
  /** Skip the server's 7-day cache (`force_check: true`). */
  force?: boolean;
  onProgress?: (progress: CheckProgress) => void;
}

export interface CheckOutcome {
  results: ContactResult[];
  /** `meta.version` of the answer, e.g. "v2.41.2"; undefined when the backend has none. */
  apiVersion?: string;
  /**
   * False from API v2.43 on: the status is then always "valid" and the wa_id untrustworthy, so a "valid" row
   * must not be shown as "has WhatsApp".
   */
  statusIsSignal: boolean;
}

export interface ReportOptions {
  reason?: string;
  block?: boolean;
  messageId?: string;
}

/** A page request: offset paging (onprem/sandbox) or cursor paging (cloud). */
export type BlocklistPageRequest =
  | { kind: "offset"; limit: number; offset: number }
  | { kind: "cursor"; limit: number; after?: string; before?: string };

export interface BlocklistPage {
  /** In WhatsApp's order; wa_ids are digits only, "@s.whatsapp.net" already stripped. */
  contacts: BlockedContact[];
  /** Total blocked, when the backend says (onprem does; cloud does not). */
  total?: number;
  /** The request for the next / previous page; absent at the ends. */
  next?: BlocklistPageRequest;
  previous?: BlocklistPageRequest;
}

export interface BackendCapabilities {
  /** onprem/sandbox: POST /v1/contacts. cloud: none, the bot answers from what it knows. */
  upstreamCheck: boolean;
  /** onprem/sandbox: POST …/report. cloud: none, the report is recorded and optionally a block is made. */
  upstreamReport: boolean;
  blocklistPaging: "offset" | "cursor";
}

export interface WhatsAppBackend {
  readonly name: BackendName;
  readonly capabilities: BackendCapabilities;
  /** The server's API version as last seen (`meta.version`), if any. */
  apiVersion(): string | undefined;
  checkContacts(e164s: string[], options?: CheckOptions): Promise<CheckOutcome>;
  /** Cloud takes no reason: the core keeps it in the audit trail. */
  block(contact: ContactRef, reason?: string): Promise<ActionReceipt>;
  unblock(contact: ContactRef): Promise<ActionReceipt>;
  report(e164: string, options?: ReportOptions): Promise<void>;
  blocklistPage(request: BlocklistPageRequest): Promise<BlocklistPage>;
  /** Cheap reachability probe for /healthz; throws a WhatsAppError when the backend does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
