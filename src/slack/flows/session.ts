import type { Actor, ModerationAction } from "../../moderation/types.js";
import type { AfterAck } from "../middleware/after-ack.js";
import { type Reply, type ReplyTarget, reply, type SlackClient } from "../reply/reply.js";
import { failureText } from "../text/failure-text.js";
import type { SlackMessage } from "../views/blocks.js";
import { renderErrorMessage } from "../views/error-message.js";
import { renderProgress } from "../views/progress.js";
import type { FlowDeps } from "./deps.js";

/**
 * One moderator request from acknowledgement to final answer, the same whether it came from a command, a click
 * or a modal. Slack wants an acknowledgement within 3 seconds, so the session acknowledges at once with a
 * progress note, then answers through the response URL (replacing that note) or, without one, by ephemeral.
 * Answers go out one at a time in order, and progress notes stop once the final answer is queued.
 */
export interface Session {
  readonly actor: Actor;
  readonly deps: FlowDeps;
  /** A progress note; dropped when another went out less than PROGRESS_INTERVAL_MS ago, or after MAX_PROGRESS_NOTES. */
  progress(text: string): void;
  /** The final answer: the failure, in words. */
  fail(error: unknown): Promise<void>;
  /** Acknowledges and answers with the failure in words, for a request that cannot even start. */
  refuse(error: unknown): Promise<void>;
  /**
   * Acknowledges with the progress note where the surface shows it, then answers with the message `produce`
   * renders, or the failure it throws, in words. The note is a line of text, a whole message (a page kept in
   * place with a line saying the next one is loading), or null for none. `action` is the moderation action asked
   * for, when one was: some failures mean something else for it (a report WhatsApp did not answer may have gone
   * through). With `afterAck` (SessionOptions) it resolves once acknowledged and hands the answering over.
   */
  run(
    note: string | SlackMessage | null,
    produce: () => Promise<SlackMessage>,
    action?: ModerationAction,
  ): Promise<void>;
}

const PROGRESS_INTERVAL_MS = 1500;
/** Slack honours a response URL five times: at most three notes, so the final answer always gets through. */
const MAX_PROGRESS_NOTES = 3;

export interface SessionOptions {
  actor: Actor;
  deps: FlowDeps;
  client: SlackClient;
  target: ReplyTarget;
  isPublic: boolean;
  /** Sends Slack's acknowledgement; gets the progress note, if any, when the surface can show it in the ack. */
  acknowledge: (progress?: SlackMessage & { response_type: "ephemeral" | "in_channel" }) => Promise<void>;
  /** True when the ack itself shows the progress note (slash commands); else it goes through the response URL. */
  ackShowsProgress: boolean;
  /** Where the work after the ack goes, so the listener can return at once; without it `run` awaits that work. */
  afterAck?: AfterAck | undefined;
  /**
   * False when answers go below the clicked message instead of replacing it (a check row's action must not wipe
   * the other rows). Progress notes are then left out: each would be one more message that nothing replaces.
   */
  replaceOriginal?: boolean;
}

export function createSession(options: SessionOptions): Session {
  const { deps, client, target, isPublic, ackShowsProgress, afterAck } = options;
  // A session acknowledges once (start or refuse). Bolt's ack holds the whole request: dropped once used, so an
  // answer still on its way keeps only what it needs.
  let acknowledge: SessionOptions["acknowledge"] | undefined = options.acknowledge;
  const acknowledgeOnce: SessionOptions["acknowledge"] = (progress) => {
    const ack = acknowledge;
    acknowledge = undefined;
    return ack === undefined ? Promise.resolve() : ack(progress);
  };
  const responseType = isPublic ? "in_channel" : "ephemeral";
  const replaceOriginal = options.replaceOriginal ?? true;
  let queue: Promise<unknown> = Promise.resolve();
  let finished = false;
  let lastProgressAt = Number.NEGATIVE_INFINITY;
  let notesSent = 0;

  const send = (message: SlackMessage): Promise<void> => {
    const outgoing: Reply = { ...message, responseType, replaceOriginal };
    const next = queue.then(() => reply(client, target, outgoing, { logger: deps.logger }));
    queue = next.catch((error: unknown) => deps.logger.error("could not deliver an answer to Slack", error));
    return queue.then(() => undefined);
  };

  const progress = (note: string | SlackMessage): void => {
    // Without a response URL every note would be a new message: only the final answer is worth one.
    if (finished || !replaceOriginal || target.responseUrl === undefined || notesSent >= MAX_PROGRESS_NOTES)
      return;
    const now = deps.now();
    if (now - lastProgressAt < PROGRESS_INTERVAL_MS) return;
    lastProgressAt = now;
    notesSent += 1;
    void send(typeof note === "string" ? renderProgress(note) : note);
  };

  const finish = (message: SlackMessage): Promise<void> => {
    finished = true;
    return send(message);
  };

  const start = async (note: string | SlackMessage | null): Promise<void> => {
    if (note === null) return acknowledgeOnce();
    const message = typeof note === "string" ? renderProgress(note) : note;
    await acknowledgeOnce({ ...message, response_type: responseType });
    if (ackShowsProgress) lastProgressAt = deps.now();
    else progress(message);
  };

  const fail = (error: unknown, action?: ModerationAction): Promise<void> =>
    finish(renderErrorMessage(failureText(error, deps, action)));

  const answer = async (produce: () => Promise<SlackMessage>, action?: ModerationAction): Promise<void> => {
    let message: SlackMessage;
    try {
      message = await produce();
    } catch (error) {
      await fail(error, action);
      return;
    }
    await finish(message);
  };

  const refuse = async (error: unknown): Promise<void> => {
    const message = renderErrorMessage(failureText(error, deps));
    finished = true;
    await acknowledgeOnce({ ...message, response_type: responseType });
    if (!ackShowsProgress) await send(message);
  };

  return {
    actor: options.actor,
    deps,
    progress,
    fail,
    refuse,
    run: async (note, produce, action) => {
      await start(note);
      const answering = answer(produce, action);
      if (afterAck === undefined) await answering;
      else afterAck(answering);
    },
  };
}
