import type { AppLogger } from "../log/logger.js";
import type { SandboxSeed } from "./seed-schema.js";

export type InboundType = "text" | "image" | "audio" | "video" | "document" | "sticker" | "location";

/** Which WhatsApp API the sandbox speaks: the On-Premises `/v1` API or the Cloud API (Graph `block_users`). */
export type SandboxShape = "onprem" | "cloud";

/** What both shapes take. */
export interface SandboxCommonOptions {
  /** 0 = ephemeral (default). The host is always 127.0.0.1. */
  port?: number;
  /** A seed object or the path of a JSON file; default: src/sandbox/default-seed.json. */
  seed?: SandboxSeed | string;
  /** Default 20/s with bursts of 60; over it 429 (On-Premises: code 1015 with Retry-After; Cloud: code 130429). */
  rateLimit?: { perSecond: number; burst: number } | false;
  /** Clock for the 24-hour rule, the 7-day contact cache, token expiry and the rate limit. Default Date.now. */
  now?: () => number;
  logger?: AppLogger;
  /**
   * The data folder: the state is kept there (`sandbox-<shape>.json`), shared by every process that starts the
   * sandbox on it and by a restart. Default: none, the state lives in this process only.
   */
  dataFolder?: string;
}

/** The On-Premises shape (the default). */
export interface SandboxOptions extends SandboxCommonOptions {
  shape?: "onprem";
  /** `meta.version` of every answer; default "v2.41.2". From "v2.43.0" every contact check answers "valid". */
  apiVersion?: string;
  /** Default: admin / SANDBOX_DEFAULT_PASSWORD. */
  credentials?: { username: string; password: string };
  /** The first login must set a new password (`new_password`), like a freshly installed server. Default false. */
  requirePasswordChange?: boolean;
  /** Default 7 days. */
  tokenTtlMs?: number;
  /** How many no_wait look-ups a never-seen number answers "processing" before its final status. Default 1. */
  processingRounds?: number;
  /** Where simulated inbound messages are POSTed (with X-Webhook-Secret when `secret` is set). */
  webhook?: SandboxWebhook;
}

/** Where simulated inbound messages go: an http(s) URL, and the secret sent as X-Webhook-Secret. */
export interface SandboxWebhook {
  url: string;
  secret?: string;
}

export type SandboxFault =
  | {
      kind: "status";
      status: 429 | 503 | 500;
      code?: number | undefined;
      retryAfterSeconds?: number | undefined;
    }
  /** Accept the request and never answer (until close). */
  | { kind: "hang" }
  /** A proxy's HTML error page. */
  | { kind: "html502" }
  /** errors[] with HTTP 200. */
  | { kind: "errors200"; code: number; title: string }
  /** Destroy the socket. */
  | { kind: "reset" };

/** What a simulated inbound message says, on either shape. */
export interface InboundContent {
  text?: string | undefined;
  /** Default "text". */
  type?: InboundType | undefined;
  /** Profile name; default the seeded name. */
  name?: string | undefined;
}

/** An inbound message on the On-Premises shape. */
export interface InboundInput extends InboundContent {
  /** "+16315551000" or a bare wa_id. */
  from: string;
}

export interface InboundResult {
  messageId: string;
  /** Unix seconds, as in the webhook body. */
  timestamp: number;
  /** True when the webhook answered 2xx. */
  delivered: boolean;
  /** The webhook's HTTP status, when it answered. */
  status?: number;
}

/**
 * A WhatsApp user, keyed in `SandboxState.users` by its wa_id, or by its BSUID when it has no phone number (a
 * username-only user, Cloud shape only). On the Cloud shape every user has a `userId`.
 */
export interface SandboxUser {
  waId?: string;
  userId?: string;
  /** "@name", Cloud shape only. */
  username?: string;
  name?: string;
}

export interface SandboxMessage {
  id: string;
  /** The sender's key: its wa_id, or its BSUID when it has no phone number. */
  from: string;
  at: number;
  type: InboundType;
  text?: string;
}

export interface SandboxReport {
  waId: string;
  at: number;
  reason?: string;
  block: boolean;
  /** The reported message, or the contact's last 5 messages when none was named. */
  messageIds: string[];
}

export interface SandboxCall {
  at: number;
  method: string;
  /** Path and query, e.g. "/v1/contacts/blocklist?limit=15". */
  path: string;
  status?: number;
  fault?: SandboxFault["kind"];
}

export interface CachedLookup {
  status: "valid" | "invalid";
  waId?: string;
  checkedAt: number;
}

/** Everything the emulated server knows. No credentials or tokens live here: it is served by GET /sandbox/state. */
export interface SandboxState {
  readonly businessNumber: string;
  /** Country calling code of the business number, prepended to numbers sent without "+". */
  readonly countryCode: string;
  apiVersion: string;
  /** By key: the wa_id, else (a user with no phone number) the BSUID. */
  readonly users: Map<string, SandboxUser>;
  /** BSUID -> user key (Cloud shape; empty on the On-Premises shape, which knows no BSUIDs). */
  readonly userIds: Map<string, string>;
  /** User key -> time of the last inbound message (ms). */
  readonly engaged: Map<string, number>;
  /** User keys in the order they were blocked. */
  readonly blocklist: string[];
  /** Changes with every block and unblock: a Cloud paging cursor from an older version answers 139102. */
  blocklistVersion: number;
  readonly reports: SandboxReport[];
  readonly messages: SandboxMessage[];
  /** The most recent API calls, oldest first. */
  readonly calls: SandboxCall[];
  /** Final look-up results by number digits (the server's 7-day cache). */
  readonly lookupCache: Map<string, CachedLookup>;
  /** Number digits -> how many times a pending look-up has answered "processing". */
  readonly pendingLookups: Map<string, number>;
}

/** What both shapes' handles have. */
export interface SandboxHandleBase {
  url: string;
  state: SandboxState;
  /** Queued faults apply, in order, to the next API requests (every API route but the On-Premises login). */
  faults: { next(fault: SandboxFault, times?: number): void; clear(): void };
  close(): Promise<void>;
}

/** A running On-Premises sandbox. */
export interface SandboxHandle extends SandboxHandleBase {
  shape: "onprem";
  username: string;
  /** The current password (it changes with a first-login password change). */
  readonly password: string;
  setApiVersion(version: string): void;
  expireTokens(): void;
  /**
   * Points later simulated inbound messages at `webhook` (undefined: deliver nowhere), for an app that learns its
   * own port only after the sandbox has started. Throws SandboxInputError unless the URL is http(s).
   */
  setWebhook(webhook: SandboxWebhook | undefined): void;
  simulateInbound(input: InboundInput): Promise<InboundResult>;
}
