import type { AppLogger } from "../log/logger.js";
import { SandboxInputError } from "./errors.js";
import { inboundPayload } from "./inbound-payload.js";
import { findWaId, parseContactId } from "./numbers.js";
import type { InboundInput, InboundResult, SandboxMessage, SandboxState, SandboxWebhook } from "./types.js";

const WEBHOOK_TIMEOUT_MS = 5000;
const DEFAULT_TEXT = "Hello from the sandbox";
const DEFAULT_PROFILE_NAME = "WhatsApp user";

export interface InboundDependencies {
  state: SandboxState;
  now: () => number;
  newMessageId: () => string;
  /** Read at each message: the target may be set or changed after the sandbox started. */
  webhook: () => SandboxWebhook | undefined;
  logger: AppLogger | undefined;
}

/** Throws unless the webhook URL is one fetch can POST to, so a typo fails at once rather than at each message. */
export function assertWebhook(webhook: SandboxWebhook | undefined): void {
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
  webhook: SandboxWebhook,
  body: unknown,
  logger: AppLogger | undefined,
): Promise<Pick<InboundResult, "delivered" | "status">> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (webhook.secret !== undefined) headers["x-webhook-secret"] = webhook.secret;
  try {
    const response = await fetch(webhook.url, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
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
 * window), and the message is POSTed to the webhook in the On-Premises shape.
 */
export function createInbound(deps: InboundDependencies): (input: InboundInput) => Promise<InboundResult> {
  return async (input) => {
    const digits = parseContactId(input.from);
    if (digits === undefined) {
      throw new SandboxInputError(`"${input.from}" is not a phone number ("+16315551000") or a wa_id`);
    }
    const { state } = deps;
    const waId = findWaId(state.users, digits) ?? digits;
    const user = state.users.get(waId);
    const profileName = input.name ?? user?.name ?? DEFAULT_PROFILE_NAME;
    if (!user) state.users.set(waId, { waId, name: profileName });

    const type = input.type ?? "text";
    const text = input.text ?? (type === "text" ? DEFAULT_TEXT : undefined);
    const message: SandboxMessage = {
      id: deps.newMessageId(),
      from: waId,
      at: deps.now(),
      type,
      ...(text === undefined ? {} : { text }),
    };
    state.engaged.set(waId, message.at);
    state.messages.push(message);

    const timestamp = Math.floor(message.at / 1000);
    const webhook = deps.webhook();
    if (!webhook) return { messageId: message.id, timestamp, delivered: false };
    const outcome = await deliver(webhook, inboundPayload(message, profileName), deps.logger);
    return { messageId: message.id, timestamp, ...outcome };
  };
}
