import { AuthorizationError, type ReceiverProcessEventErrorHandlerArgs } from "@slack/bolt";
import { z } from "zod";
import { StaleInteractionError } from "./errors.js";
import { isReplayStop } from "./replay-verdict.js";

/** A request Bolt could not make sense of: the sender's fault (400), not ours (500). */
function isMalformedRequest(error: unknown): boolean {
  const original =
    error instanceof Error && "original" in error ? (error as { original: unknown }).original : error;
  return (
    original instanceof z.ZodError ||
    original instanceof TypeError ||
    original instanceof StaleInteractionError
  );
}

/** The HTTPReceiver's answer to a request whose processing threw: 401, 400 or 500 before any ack, a log line after. */
export async function answerProcessingError(args: ReceiverProcessEventErrorHandlerArgs): Promise<boolean> {
  const { error, response, logger } = args;
  // A replay stopped at its ack: the guard has logged it.
  if (isReplayStop(error)) return false;
  if (response.headersSent) {
    logger.error("a Slack listener failed after acknowledging", error);
    return false;
  }
  const status = error instanceof AuthorizationError ? 401 : isMalformedRequest(error) ? 400 : 500;
  if (status === 500) logger.error("a Slack request failed (500)", error);
  else logger.warn(`answering a Slack request with ${status}`, { error: error.message });
  response.writeHead(status);
  response.end();
  return true;
}
