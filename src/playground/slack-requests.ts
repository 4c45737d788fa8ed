import { createHmac } from "node:crypto";
import type { PlaygroundMessage } from "./channel-model.js";

/**
 * The requests Slack sends an app, built as Slack builds them (docs/CONTRACT.md §9), and their delivery: POSTed to
 * the bot's own /slack/events, signed as Slack signs (v0 HMAC-SHA256 over "v0:timestamp:body").
 */

export const LOCAL_TEAM = { id: "T0LOCAL", domain: "local" } as const;

export interface SlackUserRef {
  id: string;
  username: string;
  team_id: string;
}

export interface BotAnswer {
  status: number;
  text: string;
}

export async function postSigned(port: number, signingSecret: string, body: string): Promise<BotAnswer> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": signature,
    },
    body,
  });
  return { status: response.status, text: await response.text() };
}

/** An interactivity request: the JSON payload in a `payload` form field. */
export const interactivityBody = (payload: Record<string, unknown>): string =>
  new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

export function slashCommandBody(fields: {
  user: SlackUserRef;
  channel: { id: string; name: string };
  text: string;
  responseUrl: string;
  triggerId: string;
}): string {
  return new URLSearchParams({
    token: "unused",
    team_id: LOCAL_TEAM.id,
    team_domain: LOCAL_TEAM.domain,
    channel_id: fields.channel.id,
    channel_name: fields.channel.name,
    user_id: fields.user.id,
    user_name: fields.user.username,
    command: "/wa-check",
    text: fields.text,
    api_app_id: "A0LOCAL",
    is_enterprise_install: "false",
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId,
  }).toString();
}

/** The message as a click or a shortcut payload carries it. */
function messageOf(message: PlaygroundMessage) {
  return {
    type: "message",
    ts: message.ts,
    text: message.text,
    blocks: message.blocks,
    ...(message.author === "bot" ? { bot_id: "B0LOCAL" } : { user: message.author }),
    ...(message.metadata === undefined ? {} : { metadata: message.metadata }),
  };
}

const actionTs = (suffix: string): string => `${Math.floor(Date.now() / 1000)}.${suffix}`;

/** What a click and a message shortcut payload both carry. */
export interface MessageInteraction {
  user: SlackUserRef;
  message: PlaygroundMessage;
  channelName: string;
  responseUrl: string;
  triggerId: string;
}

export function blockActionsPayload(
  fields: MessageInteraction & { action: { actionId: string; blockId: string; value: string; text: string } },
): Record<string, unknown> {
  const { message } = fields;
  return {
    type: "block_actions",
    user: fields.user,
    api_app_id: "A0LOCAL",
    token: "unused",
    container: {
      type: "message",
      message_ts: message.ts,
      channel_id: message.channel,
      is_ephemeral: message.ephemeral,
    },
    trigger_id: fields.triggerId,
    team: LOCAL_TEAM,
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: message.channel, name: fields.channelName },
    // As on Slack, the payload carries the message only when it is not ephemeral.
    ...(message.ephemeral ? {} : { message: messageOf(message) }),
    state: { values: {} },
    response_url: fields.responseUrl,
    actions: [
      {
        type: "button",
        action_id: fields.action.actionId,
        block_id: fields.action.blockId,
        text: { type: "plain_text", text: fields.action.text, emoji: true },
        value: fields.action.value,
        action_ts: actionTs("000200"),
      },
    ],
  };
}

export function messageShortcutPayload(fields: MessageInteraction): Record<string, unknown> {
  const { message } = fields;
  return {
    type: "message_action",
    token: "unused",
    action_ts: actionTs("000300"),
    team: LOCAL_TEAM,
    user: fields.user,
    channel: { id: message.channel, name: fields.channelName },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: "report_sender",
    trigger_id: fields.triggerId,
    response_url: fields.responseUrl,
    message_ts: message.ts,
    message: messageOf(message),
  };
}

export function viewSubmissionPayload(fields: {
  user: SlackUserRef;
  viewId: string;
  view: Record<string, unknown>;
  values: Record<string, Record<string, Record<string, unknown>>>;
  triggerId: string;
}): Record<string, unknown> {
  return {
    type: "view_submission",
    team: LOCAL_TEAM,
    user: fields.user,
    api_app_id: "A0LOCAL",
    token: "unused",
    trigger_id: fields.triggerId,
    view: { ...fields.view, id: fields.viewId, team_id: LOCAL_TEAM.id, state: { values: fields.values } },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}
