import type { IncomingMessage } from "node:http";
import type { App, ReceiverEvent } from "@slack/bolt";
import { AppError } from "../../common/app-error.js";

/**
 * A replayed request is stopped at its acknowledgement (docs/CONTRACT.md §8). Whether a signature was seen before
 * is a write to the shared store: a round trip, and work on the event loop to start it (SQLite's, for one, wakes a
 * thread of libuv's pool, and that thread can take this CPU from the event loop). So the claim is made once the
 * listener's ack has gone out (or by the request guard before Bolt reads, when the store is behind:
 * request-guard.ts), and the ack returns with its verdict: for a replay, the ack throws and nothing after it runs.
 * Every listener acknowledges before it acts (nothing before an ack calls the core, WhatsApp or Slack's Web API).
 */

/** Thrown by the ack of a replayed request, so the listener stops there. */
export class ReplayedRequestError extends AppError {
  readonly code = "slack_replayed_request";

  constructor() {
    super("this Slack request's signature was already acted on");
  }
}

const PROPERTY = "replayClaim";
/** Starts (or joins) the claim of a request's signature; resolves true for its first delivery. */
type Claim = () => Promise<boolean>;
const claims = new WeakMap<IncomingMessage, Claim>();

/** Keeps the claim of the request's signature with the request, for its ack to make once it has gone out. */
export function holdClaim(request: IncomingMessage, claim: Claim): void {
  claims.set(request, claim);
}

/** Bolt's HTTPReceiver `customPropertiesExtractor`: carries the claim from the request into its event. */
export function claimProperty(request: IncomingMessage): Record<string, unknown> {
  const claim = claims.get(request);
  return claim === undefined ? {} : { [PROPERTY]: claim };
}

/** Every event whose request carries a claim gets an ack that, once sent, makes it and throws for a replay. */
export function stopReplaysAtAck(app: App): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event: ReceiverEvent) => {
    const claim = event.customProperties?.[PROPERTY];
    if (typeof claim !== "function") return processEvent(event);
    const { ack } = event;
    return processEvent({
      ...event,
      ack: async (response) => {
        await ack(response);
        if (!(await (claim as Claim)())) throw new ReplayedRequestError();
      },
    });
  };
}

/** True for the error a replay's ack throws, as Bolt hands it on (wrapped or not). */
export function isReplayStop(error: unknown): boolean {
  const original = error instanceof Error && "original" in error ? error.original : error;
  return original instanceof ReplayedRequestError;
}
