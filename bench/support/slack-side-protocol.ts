/**
 * The messages between a benchmark and its Slack side (bench/support/slack-side.ts), one JSON object per line:
 * requests on the child's stdin, replies on its stdout. Every request carries an id its reply repeats.
 */

/** A slash command as Slack would send it, signed with `signingSecret`. */
export interface CommandSpec {
  text: string;
  userId: string;
  signingSecret: string;
}

/**
 * When a simulated moderator sends their next command: as soon as the last one is acknowledged ("ack"), or once
 * its answer has reached the response_url ("answer"), as a person who reads the answer before the next command.
 */
export type Until = "ack" | "answer";

/** The milliseconds of a run, command by command: until each acknowledgement, and until each answer if awaited. */
export interface SlackSideRun {
  acks: number[];
  answers: number[];
  /** From the first command sent to the last one done. */
  elapsedMs: number;
}

/**
 * An open-loop run: command i is due at start + i / rate, sent when due whatever is still in flight, and timed
 * from when it was due (not from when it could be sent), so a server that falls behind pays for every command
 * queued behind it (no coordinated omission).
 */
export interface OpenLoopRun {
  /** Per command, ms from its due time until its acknowledgement was read. */
  acks: number[];
  /** The most a send left after its due time (ms): how far the client itself fell behind. */
  maxSendLagMs: number;
  /** Commands the app turned away as busy in their ack (nothing done, no answer to wait for). */
  turnedAway: number;
  /** From the first due time to the last acknowledgement. */
  elapsedMs: number;
}

export type SlackSideOrder =
  /** Send `count` copies of `command` to `url`, `concurrency` at a time, each a fresh response_url; see Until. */
  | { op: "run"; url: string; count: number; concurrency: number; command: CommandSpec; until: Until }
  /**
   * Send `count` commands to `url` at `rate` per second, open loop (see OpenLoopRun). Their response_urls are on
   * `answersTo` when given (another Slack side's Web API), else on this one's.
   */
  | { op: "open-loop"; url: string; count: number; rate: number; command: CommandSpec; answersTo?: string }
  /** Reply with how many response_url posts have arrived since the Slack side started. */
  | { op: "responses" }
  /** Collect the Slack side's garbage, so that the next round does not pay for this one's. */
  | { op: "collect-garbage" };

export type SlackSideRequest = SlackSideOrder & { id: number };

export type SlackSideReply = { id: number } & (
  | SlackSideRun
  | OpenLoopRun
  | { responses: number }
  | { done: true }
  | { error: string }
);

/** The first line the Slack side writes, once its fake Web API listens: SLACK_API_URL for the apps. */
export interface SlackSideReady {
  apiUrl: string;
}
