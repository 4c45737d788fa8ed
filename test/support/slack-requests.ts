import { createHmac } from "node:crypto";

/**
 * Builders for the requests Slack sends to `POST /slack/events`, encoded and signed exactly as Slack does:
 * slash commands as a form body of fields, interactions as a form body with one `payload=<json>` field, and the
 * v0 signature `v0=HMAC-SHA256(secret, "v0:" + timestamp + ":" + rawBody)` in `X-Slack-Signature` with the
 * Unix-seconds timestamp in `X-Slack-Request-Timestamp`.
 */

export interface SlackActor {
  userId?: string;
  userName?: string;
  teamId?: string;
  channelId?: string;
  triggerId?: string;
}

const DEFAULTS = { userId: "U0MOD", userName: "moderator", teamId: "T0FAKE", channelId: "C0MOD" };

function actor(options: SlackActor) {
  return {
    userId: options.userId ?? DEFAULTS.userId,
    userName: options.userName ?? DEFAULTS.userName,
    teamId: options.teamId ?? DEFAULTS.teamId,
    channelId: options.channelId ?? DEFAULTS.channelId,
    triggerId: options.triggerId ?? `${Date.now()}.trigger`,
  };
}

function payloadBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export function slashCommand(
  text: string,
  options: SlackActor & { responseUrl: string; command?: string },
): string {
  const who = actor(options);
  return new URLSearchParams({
    token: "verification-token-unused",
    team_id: who.teamId,
    team_domain: "fake",
    channel_id: who.channelId,
    channel_name: "moderation",
    user_id: who.userId,
    user_name: who.userName,
    command: options.command ?? "/wa-check",
    text,
    api_app_id: "A0APP",
    is_enterprise_install: "false",
    response_url: options.responseUrl,
    trigger_id: who.triggerId,
  }).toString();
}

export interface ClickedButton {
  actionId: string;
  value: string;
  blockId?: string;
  text?: string;
}

/** A button click in a message; `isEphemeral` messages carry no `message` object, as in Slack's payloads. */
export function blockAction(
  button: ClickedButton,
  options: SlackActor & {
    responseUrl: string;
    messageTs?: string;
    isEphemeral?: boolean;
    message?: Record<string, unknown>;
  },
): string {
  const who = actor(options);
  const messageTs = options.messageTs ?? "1700000000.000100";
  const isEphemeral = options.isEphemeral ?? true;
  return payloadBody({
    type: "block_actions",
    user: { id: who.userId, username: who.userName, name: who.userName, team_id: who.teamId },
    api_app_id: "A0APP",
    token: "verification-token-unused",
    container: {
      type: "message",
      message_ts: messageTs,
      channel_id: who.channelId,
      is_ephemeral: isEphemeral,
    },
    trigger_id: who.triggerId,
    team: { id: who.teamId, domain: "fake" },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: who.channelId, name: "moderation" },
    ...(isEphemeral ? {} : { message: { type: "message", ts: messageTs, text: "", ...options.message } }),
    state: { values: {} },
    response_url: options.responseUrl,
    actions: [
      {
        type: "button",
        action_id: button.actionId,
        block_id: button.blockId ?? "actions",
        text: { type: "plain_text", text: button.text ?? button.actionId, emoji: true },
        value: button.value,
        action_ts: `${Math.floor(Date.now() / 1000)}.000200`,
      },
    ],
  });
}

/** A message shortcut ("Report sender") on `message`, which needs at least `ts`. */
export function messageShortcut(
  message: Record<string, unknown>,
  options: SlackActor & { responseUrl: string; callbackId?: string },
): string {
  const who = actor(options);
  return payloadBody({
    type: "message_action",
    token: "verification-token-unused",
    action_ts: `${Math.floor(Date.now() / 1000)}.000300`,
    team: { id: who.teamId, domain: "fake" },
    user: { id: who.userId, username: who.userName, name: who.userName, team_id: who.teamId },
    channel: { id: who.channelId, name: "relay" },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: options.callbackId ?? "report_sender",
    trigger_id: who.triggerId,
    response_url: options.responseUrl,
    message_ts: message.ts,
    message: { type: "message", ...message },
  });
}

export interface SubmittedView {
  callbackId: string;
  privateMetadata?: string;
  /** `state.values`: block id → action id → element state, e.g. `{reason: {value: {type: "plain_text_input", value: "spam"}}}`. */
  values: Record<string, Record<string, Record<string, unknown>>>;
  blocks?: unknown[];
}

export function viewSubmission(view: SubmittedView, options: SlackActor = {}): string {
  const who = actor(options);
  return payloadBody({
    type: "view_submission",
    team: { id: who.teamId, domain: "fake" },
    user: { id: who.userId, username: who.userName, name: who.userName, team_id: who.teamId },
    api_app_id: "A0APP",
    token: "verification-token-unused",
    trigger_id: who.triggerId,
    view: {
      id: "V000001",
      team_id: who.teamId,
      type: "modal",
      blocks: view.blocks ?? [],
      private_metadata: view.privateMetadata ?? "",
      callback_id: view.callbackId,
      state: { values: view.values },
      hash: "1700000000.hash",
      title: { type: "plain_text", text: "Report sender" },
      app_id: "A0APP",
      bot_id: "B0BOT",
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  });
}

export function signature(secret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
}

export interface SignedPostOptions {
  secret: string;
  /** Unix seconds; defaults to now. A value older than 5 minutes is what Slack's replay protection refuses. */
  timestamp?: number;
  /** Overrides the computed signature (to send a bad one). */
  signature?: string;
  contentType?: string;
}

export interface SignedPostResult {
  status: number;
  body: string;
  /** Milliseconds from sending to the full answer. */
  elapsedMs: number;
}

/** POSTs `body` to `url` (the app's /slack/events) signed as Slack signs it. */
export async function postSigned(
  url: string,
  body: string,
  options: SignedPostOptions,
): Promise<SignedPostResult> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const started = Date.now();
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": options.contentType ?? "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": options.signature ?? signature(options.secret, timestamp, body),
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text, elapsedMs: Date.now() - started };
}
