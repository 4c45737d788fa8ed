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

export type SlackSideOrder =
  /** Send `count` copies of `command` to `url`, `concurrency` at a time; reply with each acknowledgement's ms. */
  | { op: "run"; url: string; count: number; concurrency: number; command: CommandSpec }
  /** Reply with how many response_url posts have arrived since the Slack side started. */
  | { op: "responses" }
  /** Collect the Slack side's garbage, so that the next round does not pay for this one's. */
  | { op: "collect-garbage" };

export type SlackSideRequest = SlackSideOrder & { id: number };

export type SlackSideReply = { id: number } & (
  | { latencies: number[] }
  | { responses: number }
  | { done: true }
  | { error: string }
);

/** The first line the Slack side writes, once its fake Web API listens: SLACK_API_URL for the apps. */
export interface SlackSideReady {
  apiUrl: string;
}
