import type { InboundContent, InboundResult, SandboxCommonOptions, SandboxHandleBase } from "../types.js";

/** The Cloud API shape: Graph `block_users` with cursors, BSUID users and signed webhooks. */
export interface CloudSandboxOptions extends SandboxCommonOptions {
  shape: "cloud";
  /** The system-user token every call must bear. Default SANDBOX_CLOUD_TOKEN. */
  token?: string;
  /** The business number's id, the path's `{PHONE_NUMBER_ID}`. Default SANDBOX_PHONE_NUMBER_ID. */
  phoneNumberId?: string;
  /** The WhatsApp Business Account id, `entry[].id` of webhooks. Default SANDBOX_WABA_ID. */
  wabaId?: string;
  /** Signs webhook deliveries unless the webhook names its own. Default SANDBOX_CLOUD_APP_SECRET. */
  appSecret?: string;
  /** The version in `graphUrl` ("v25.0"); any `vNN.N` (or none) is accepted in paths. */
  graphVersion?: string;
  /** How many users the blocklist holds at most (139101 beyond). Default 64,000, as Meta's. */
  blocklistLimit?: number;
  /** Where simulated inbound messages are POSTed, signed with X-Hub-Signature-256. */
  webhook?: CloudSandboxWebhook;
}

/** Where Cloud-shaped inbound messages go, and the app secret that signs them (default the sandbox's). */
export interface CloudSandboxWebhook {
  url: string;
  appSecret?: string;
}

/** An inbound message on the Cloud shape: from a phone number, a BSUID, or both when they name the same user. */
export interface CloudInboundInput extends InboundContent {
  /** "+16315551000" or a bare wa_id. */
  from?: string | undefined;
  /** A BSUID ("US.13491208655302741918"); alone, a username-only user: the webhook then has no `from`/`wa_id`. */
  userId?: string | undefined;
  /** Sets the user's username ("@name"). */
  username?: string | undefined;
}

/** A running Cloud sandbox: point the Cloud client at `graphUrl` with `token` and `phoneNumberId`. */
export interface CloudSandboxHandle extends SandboxHandleBase {
  shape: "cloud";
  /** `url` plus the Graph version: the base URL a Cloud client takes (WA_GRAPH_URL). */
  graphUrl: string;
  token: string;
  phoneNumberId: string;
  wabaId: string;
  /** The secret the next delivery is signed with: the webhook's own, else the sandbox's. */
  readonly appSecret: string;
  /** Points later inbound messages at `webhook` (undefined: nowhere). Throws SandboxInputError unless http(s). */
  setWebhook(webhook: CloudSandboxWebhook | undefined): void;
  simulateInbound(input: CloudInboundInput): Promise<InboundResult>;
}
