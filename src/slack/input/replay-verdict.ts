import type { IncomingMessage } from "node:http";
import type { App, ReceiverEvent } from "@slack/bolt";
import { AppError } from "../../common/app-error.js";

/**
 * A replayed request is stopped at its acknowledgement (docs/CONTRACT.md §8). Whether a signature was seen before
 * is a write to the shared store, a round trip; waiting for it before Bolt reads the request would put that round
 * trip in front of every acknowledgement. So the request guard starts the claim and hands the request on (unless
 * the store is behind: request-guard.ts), and the verdict is awaited when the listener's ack returns: for a
 * replay, the ack throws and nothing after it runs. Every listener acknowledges before it acts (nothing before an
 * ack calls the core, WhatsApp or Slack's Web API).
 */

/** Thrown by the ack of a replayed request, so the listener stops there. */
export class ReplayedRequestError extends AppError {
  readonly code = "slack_replayed_request";

  constructor() {
    super("this Slack request's signature was already acted on");
  }
}

const PROPERTY = "firstDelivery";
const verdicts = new WeakMap<IncomingMessage, Promise<boolean>>();

/** Keeps the replay guard's verdict (true: first delivery) with the request, for the ack to await. */
export function holdVerdict(request: IncomingMessage, verdict: Promise<boolean>): void {
  verdicts.set(request, verdict);
}

/** Bolt's HTTPReceiver `customPropertiesExtractor`: carries the verdict from the request into its event. */
export function verdictProperty(request: IncomingMessage): Record<string, unknown> {
  const verdict = verdicts.get(request);
  return verdict === undefined ? {} : { [PROPERTY]: verdict };
}

/** Every event whose request carries a verdict gets an ack that, once sent, throws for a replay. */
export function stopReplaysAtAck(app: App): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event: ReceiverEvent) => {
    const verdict = event.customProperties?.[PROPERTY];
    if (!(verdict instanceof Promise)) return processEvent(event);
    const { ack } = event;
    return processEvent({
      ...event,
      ack: async (response) => {
        await ack(response);
        if (!(await verdict)) throw new ReplayedRequestError();
      },
    });
  };
}

/** True for the error a replay's ack throws, as Bolt hands it on (wrapped or not). */
export function isReplayStop(error: unknown): boolean {
  const original = error instanceof Error && "original" in error ? error.original : error;
  return original instanceof ReplayedRequestError;
}
