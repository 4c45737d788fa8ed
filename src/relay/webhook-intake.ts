import type { AppLogger } from "../log/logger.js";
import { WebhookPayloadError } from "./errors.js";
import type { Relay } from "./types.js";
import { parseOnPremNotification } from "./webhook-schemas.js";

/** What an authenticated webhook body turns into: the answer, and the work to do once it is sent. */
export interface IntakeOutcome {
  status: number;
  body: unknown;
  work?: () => Promise<void>;
}

export type WebhookIntake = (rawBody: Buffer) => IntakeOutcome;

/**
 * An on-prem delivery: a body that is not a notification gets 400 at once (docs/CONTRACT.md §1.1); the node's
 * operator sees it, and the message would not be more readable on a retry.
 */
export function createOnPremIntake(deps: { relay: Relay; logger: AppLogger }): WebhookIntake {
  return (rawBody) => {
    try {
      const messages = parseOnPremNotification(parseJson(rawBody));
      return {
        status: 200,
        body: { ok: true },
        ...(messages.length > 0 ? { work: () => deps.relay(messages) } : {}),
      };
    } catch (error) {
      if (!(error instanceof WebhookPayloadError)) throw error;
      deps.logger.warn("webhook body refused", error);
      return { status: 400, body: { ok: false, error: "bad_payload", message: error.message } };
    }
  };
}

function parseJson(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString("utf8"));
  } catch (error) {
    // V8's message quotes part of the body, which may be a contact's text: keep it out of logs and answers.
    throw new WebhookPayloadError("body is not valid JSON", { cause: error });
  }
}
