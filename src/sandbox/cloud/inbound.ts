import { deriveBsuid, isBsuid, USERNAME_PATTERN } from "../bsuid.js";
import { SandboxInputError } from "../errors.js";
import type { InboundSender, InboundShape } from "../inbound.js";
import type { SandboxState } from "../types.js";
import { senderKeyForPhone } from "../users.js";
import { escapeNonAscii, hubSignature } from "./signature.js";
import type { CloudInboundInput, CloudSandboxWebhook } from "./types.js";
import { cloudWebhookBody, type WebhookAccount } from "./webhook-payload.js";

function assertCloudInput(input: CloudInboundInput): void {
  if (input.from === undefined && input.userId === undefined) {
    throw new SandboxInputError(
      "an inbound message needs from (a phone number, +16315551000) or userId (a BSUID, US.13491208655302741918)",
    );
  }
  if (input.userId !== undefined && !isBsuid(input.userId)) {
    throw new SandboxInputError(`userId "${input.userId}" is not a BSUID such as US.13491208655302741918`);
  }
  if (input.username !== undefined && !USERNAME_PATTERN.test(input.username)) {
    throw new SandboxInputError(
      `username "${input.username}" is not "@" and 3 to 35 letters, digits, . or _`,
    );
  }
}

/** Finds the sender by number and/or BSUID (both must name the same user), or makes a new user of it. */
function cloudSender(state: SandboxState, input: CloudInboundInput): InboundSender {
  assertCloudInput(input);
  const byPhone = input.from === undefined ? undefined : senderKeyForPhone(state, input.from);
  const byBsuid = input.userId === undefined ? undefined : state.userIds.get(input.userId);
  const key = byPhone ?? byBsuid ?? input.userId ?? "";
  const known = state.users.get(key);
  const clash =
    (byBsuid !== undefined && byBsuid !== key) || (known && input.userId && known.userId !== input.userId);
  if (clash) {
    throw new SandboxInputError(`${input.from} and ${input.userId} are two different users`);
  }
  const username = input.username === undefined ? {} : { username: input.username };
  if (known) {
    Object.assign(known, username);
    return { key, user: known, isNew: false };
  }
  const waId = byPhone === undefined ? {} : { waId: byPhone };
  const userId = input.userId ?? deriveBsuid(key);
  return { key, user: { ...waId, userId, ...username }, isNew: true };
}

/**
 * Inbound messages on the Cloud shape: Meta's webhook body, sent in the escaped form Meta signs, with
 * X-Hub-Signature-256 under the webhook's app secret (else the sandbox's).
 */
export function cloudInboundShape(
  state: SandboxState,
  account: WebhookAccount,
  target: () => { webhook: CloudSandboxWebhook; appSecret: string } | undefined,
): InboundShape<CloudInboundInput> {
  return {
    sender: (input) => cloudSender(state, input),
    delivery(message, user, profileName) {
      const current = target();
      if (!current) return undefined;
      const body = escapeNonAscii(JSON.stringify(cloudWebhookBody(message, user, profileName, account)));
      const headers = {
        "content-type": "application/json",
        "user-agent": "facebookexternalua",
        "x-hub-signature-256": hubSignature(current.appSecret, body),
      };
      return { url: current.webhook.url, body, headers };
    },
  };
}
