import type { InboundShape } from "./inbound.js";
import { inboundPayload } from "./inbound-payload.js";
import type { InboundInput, SandboxState, SandboxWebhook } from "./types.js";
import { senderKeyForPhone } from "./users.js";

/** Inbound messages on the On-Premises shape: senders are numbers; X-Webhook-Secret goes with each POST. */
export function onPremInboundShape(
  state: SandboxState,
  webhook: () => SandboxWebhook | undefined,
): InboundShape<InboundInput> {
  return {
    sender(input) {
      const key = senderKeyForPhone(state, input.from);
      const user = state.users.get(key);
      return user ? { key, user, isNew: false } : { key, user: { waId: key }, isNew: true };
    },
    delivery(message, _user, profileName) {
      const target = webhook();
      if (!target) return undefined;
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (target.secret !== undefined) headers["x-webhook-secret"] = target.secret;
      return { url: target.url, body: JSON.stringify(inboundPayload(message, profileName)), headers };
    },
  };
}
