import type { AppLogger } from "../log/logger.js";
import { recordInbound } from "./engagement.js";
import { SandboxInputError } from "./errors.js";
import type { StateSync } from "./state-file.js";
import type { InboundContent, InboundResult, SandboxMessage, SandboxState, SandboxUser } from "./types.js";
import { addUser } from "./users.js";

const WEBHOOK_TIMEOUT_MS = 5000;
const DEFAULT_TEXT = "Hello from the sandbox";
const DEFAULT_PROFILE_NAME = "WhatsApp user";

export interface InboundDependencies {
  state: SandboxState;
  now: () => number;
  newMessageId: () => string;
  logger: AppLogger | undefined;
  sync: StateSync;
}

/** Who wrote: a known user, or a new one (`isNew`) that the message makes a WhatsApp user. */
export interface InboundSender {
  key: string;
  user: SandboxUser;
  isNew: boolean;
}

/** One webhook POST, ready to send. */
export interface WebhookPost {
  url: string;
  body: string;
  headers: Record<string, string>;
}

/** What differs between the shapes: how a sender is named, and what the webhook receives. */
export interface InboundShape<I extends InboundContent> {
  /** Throws SandboxInputError for a sender the shape cannot name. */
  sender(input: I): InboundSender;
  /** The POST for `message`, or undefined when no webhook is set (read at each message: it may change). */
  delivery(message: SandboxMessage, user: SandboxUser, profileName: string): WebhookPost | undefined;
}

/** Throws unless the webhook URL is one fetch can POST to, so a typo fails at once rather than at each message. */
export function assertWebhook(webhook: { url: string } | undefined): void {
  if (webhook === undefined) return;
  let protocol: string | undefined;
  try {
    protocol = new URL(webhook.url).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== "http:" && protocol !== "https:") {
    throw new SandboxInputError(`the webhook URL must be an http(s) URL; got "${webhook.url}"`);
  }
}

async function deliver(
  post: WebhookPost,
  logger: AppLogger | undefined,
): Promise<Pick<InboundResult, "delivered" | "status">> {
  try {
    const response = await fetch(post.url, {
      method: "POST",
      headers: post.headers,
      body: post.body,
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    await response.arrayBuffer();
    return { delivered: response.ok, status: response.status };
  } catch (error) {
    logger?.warn("sandbox webhook delivery failed", error);
    return { delivered: false };
  }
}

/**
 * A contact writes to the business: it becomes a WhatsApp user if it was not one, engaged from now (the 24-hour
 * window), and the message is POSTed to the webhook in the shape's form.
 */
export function createInbound<I extends InboundContent>(
  deps: InboundDependencies,
  shape: InboundShape<I>,
): (input: I) => Promise<InboundResult> {
  const record = (input: I) => {
    const sender = shape.sender(input);
    const profileName = input.name ?? sender.user.name ?? DEFAULT_PROFILE_NAME;
    const user = sender.isNew ? { ...sender.user, name: profileName } : sender.user;
    if (sender.isNew) addUser(deps.state, sender.key, user);

    const type = input.type ?? "text";
    const text = input.text ?? (type === "text" ? DEFAULT_TEXT : undefined);
    const message: SandboxMessage = {
      id: deps.newMessageId(),
      from: sender.key,
      at: deps.now(),
      type,
      ...(text === undefined ? {} : { text }),
    };
    recordInbound(deps.state, message);
    return { message, user, profileName };
  };
  return async (input) => {
    const { message, user, profileName } = deps.sync.change(() => record(input));
    const timestamp = Math.floor(message.at / 1000);
    const post = shape.delivery(message, user, profileName);
    if (!post) return { messageId: message.id, timestamp, delivered: false };
    return { messageId: message.id, timestamp, ...(await deliver(post, deps.logger)) };
  };
}
