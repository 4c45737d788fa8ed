import type { Context } from "@slack/bolt";

/**
 * Hands over the work a listener goes on with after its acknowledgement (the answer through the response URL), so
 * that the listener can return at once. Bolt keeps everything of a request (its body, the HTTP request and response,
 * each middleware's arguments) until the listener returns, and Slack takes an answer a few hundred milliseconds
 * after the ack: a request kept that long is copied into V8's old generation, which only full collections free.
 * The in-flight middleware puts it on each request's Bolt context and counts the request as under way until the
 * work it was handed settles.
 */
export type AfterAck = (work: Promise<unknown>) => void;

const KEY = "afterAck";

export function offerAfterAck(context: Context, afterAck: AfterAck): void {
  context[KEY] = afterAck;
}

/** The hand-over on `context`, or undefined where no in-flight middleware offered one. */
export function afterAckOf(context: Context): AfterAck | undefined {
  const afterAck: unknown = context[KEY];
  return typeof afterAck === "function" ? (afterAck as AfterAck) : undefined;
}
