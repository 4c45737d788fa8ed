import type { webApi } from "@slack/bolt";
import { request } from "undici";
import type { AppLogger } from "../../log/logger.js";
import type { SlackMessage } from "../views/blocks.js";

/**
 * Answers an interaction. The `response_url` Slack hands out is the natural way (it can replace the message
 * that was clicked, ephemeral or not), but it expires after 30 minutes and five uses; when it fails the answer
 * still reaches the person: `chat.update` of the clicked message when that message is not ephemeral, else
 * `chat.postEphemeral` in the channel, else a direct message.
 */

export type SlackClient = webApi.WebClient;

export interface ReplyTarget {
  responseUrl?: string;
  userId: string;
  /** The channel of the interaction, where the fallback posts. */
  channelId?: string;
  /** The clicked message, when it is not ephemeral (those can be replaced through chat.update). */
  messageTs?: string;
}

export interface Reply extends SlackMessage {
  responseType?: "ephemeral" | "in_channel";
  /** Replace the message the response_url belongs to (the command's progress note, the clicked message). */
  replaceOriginal?: boolean;
}

export type ReplyRoute = "response_url" | "chat.update" | "chat.postEphemeral" | "direct_message";

export interface ReplyOptions {
  logger: AppLogger;
  /** Slack answers response_url posts in well under a second; past this the fallback is tried. */
  timeoutMs?: number;
}

const RESPONSE_URL_TIMEOUT_MS = 5000;

/**
 * Posts to a response_url; resolves with a reason when Slack did not take it. undici's `request` rather than
 * `fetch`: the answer goes out while other requests wait for their acknowledgement, and fetch's web streams cost
 * several times more per call. Its timeouts are undici's own (Slack must start answering within `timeoutMs` of the
 * post, and not pause longer than that within its answer), not an AbortSignal.timeout: that signal's timer and
 * weak references outlive the post by the whole timeout, and at 500 commands a second they cost about a sixth of
 * the CPU of each check and a quarter of the garbage collector's pauses (bench/slack-ack-latency.ts on Node 24).
 */
async function postToResponseUrl(url: string, reply: Reply, timeoutMs: number): Promise<string | undefined> {
  try {
    const response = await request(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        text: reply.text,
        blocks: reply.blocks,
        response_type: reply.responseType ?? "ephemeral",
        replace_original: reply.replaceOriginal ?? false,
      }),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const body = await response.body.text();
    if (response.statusCode < 200 || response.statusCode > 299) {
      return `HTTP ${response.statusCode} ${body.slice(0, 40)}`.trim();
    }
    // Slack answers some failures (used_url, expired_url) with a JSON body saying ok: false.
    if (body.trimStart().startsWith("{")) {
      const parsed = JSON.parse(body) as { ok?: unknown; error?: unknown };
      if (parsed.ok === false) return String(parsed.error ?? "ok: false");
    }
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.name : "request failed";
  }
}

export async function reply(
  client: SlackClient,
  target: ReplyTarget,
  message: Reply,
  options: ReplyOptions,
): Promise<ReplyRoute> {
  if (target.responseUrl !== undefined) {
    const problem = await postToResponseUrl(
      target.responseUrl,
      message,
      options.timeoutMs ?? RESPONSE_URL_TIMEOUT_MS,
    );
    if (problem === undefined) return "response_url";
    // The URL itself is a capability: never logged.
    options.logger.warn("response_url refused the answer; falling back", { problem });
  }
  const { text, blocks } = message;
  if (message.replaceOriginal && target.messageTs !== undefined && target.channelId !== undefined) {
    try {
      await client.chat.update({ channel: target.channelId, ts: target.messageTs, text, blocks });
      return "chat.update";
    } catch (error) {
      options.logger.warn("chat.update fallback failed", error);
    }
  }
  if (target.channelId !== undefined) {
    try {
      await client.chat.postEphemeral({ channel: target.channelId, user: target.userId, text, blocks });
      return "chat.postEphemeral";
    } catch (error) {
      // e.g. the bot is not in that channel: a direct message still reaches the person.
      options.logger.warn("chat.postEphemeral fallback failed", error);
    }
  }
  await client.chat.postMessage({ channel: target.userId, text, blocks });
  return "direct_message";
}
