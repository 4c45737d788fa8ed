import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { Agent, request } from "undici";
import { BUSY_TEXT } from "../../src/slack/text/busy-text.js";
import { startFakeSlackApi } from "../../test/support/fake-slack-api.js";
import { signature, slashCommand } from "../../test/support/slack-requests.js";
import { answerWaiters } from "./answer-waiters.js";
import { collectGarbage } from "./collect-garbage.js";
import { runAtConcurrency } from "./fixed-concurrency.js";
import type {
  CommandSpec,
  OpenLoopRun,
  SlackSideOrder,
  SlackSideReady,
  SlackSideReply,
  SlackSideRequest,
  SlackSideRun,
  Until,
} from "./slack-side-protocol.js";

/**
 * Slack, for a benchmark, in a process of its own (started by slack-side-process.ts): the client that sends
 * signed slash commands and times their acknowledgements, and the fake Web API that takes the response_url
 * posts. Speaks the JSON lines of slack-side-protocol.ts on stdin/stdout; exits when stdin closes.
 */

const slack = await startFakeSlackApi();
let commandsSent = 0;
const ANSWER_TIMEOUT_MS = 30_000;
/** When the answer to a response_url path arrived (performance.now()); an app that never answers fails the run. */
const answerAt = answerWaiters(slack, ANSWER_TIMEOUT_MS);
// Keep-alive, as Slack keeps its connections to an app open; one connection per request in flight.
const dispatcher = new Agent({ keepAliveTimeout: 30_000 });
let responses = 0;

/** Hits are counted, then forgotten: a few thousand bodies are not worth holding. */
function responsesSoFar(): number {
  responses += slack.responseUrlHits.length;
  slack.clear();
  return responses;
}

interface Timing {
  ackMs: number;
  /** Until the answer reached the response_url, when the run waits for it. */
  answerMs?: number;
}

/** One signed command, timed until its acknowledgement was read and, when `until` says so, its answer posted. */
async function timeCommand(url: string, command: CommandSpec, until: Until): Promise<Timing> {
  const id = `bench-${++commandsSent}`;
  const responseUrl = slack.responseUrl(id);
  const answered = until === "answer" ? answerAt(new URL(responseUrl).pathname) : undefined;
  const started = performance.now();
  const ackMs = (await postCommand(url, command, responseUrl)).ackedAt - started;
  if (answered === undefined) return { ackMs };
  return { ackMs, answerMs: (await answered) - started };
}

async function run(message: Extract<SlackSideOrder, { op: "run" }>): Promise<SlackSideRun> {
  const acks: number[] = [];
  const answers: number[] = [];
  const elapsedMs = await runAtConcurrency(message.count, message.concurrency, async () => {
    const timing = await timeCommand(message.url, message.command, message.until);
    acks.push(timing.ackMs);
    if (timing.answerMs !== undefined) answers.push(timing.answerMs);
  });
  return { acks, answers, elapsedMs };
}

/**
 * One signed command, sent now; resolves when its acknowledgement has been read (performance.now()). Its
 * response_url is on `answersTo` (another Web API's base URL) when given.
 */
function sendCommand(url: string, command: CommandSpec, answersTo?: string): Promise<Acknowledged> {
  const own = slack.responseUrl(`bench-${++commandsSent}`);
  return postCommand(url, command, answersTo ? new URL(new URL(own).pathname, answersTo).href : own);
}

interface Acknowledged {
  /** When the acknowledgement had been read (performance.now()). */
  ackedAt: number;
  /** The app turned the command away as busy in its ack: nothing was done, and no answer follows. */
  turnedAway: boolean;
}

/** Posts one command signed as Slack signs it, now; resolves when its acknowledgement has been read. */
async function postCommand(url: string, command: CommandSpec, responseUrl: string): Promise<Acknowledged> {
  const body = slashCommand(command.text, { userId: command.userId, responseUrl });
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await request(url, {
    dispatcher,
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": signature(command.signingSecret, timestamp, body),
    },
    body,
  });
  const ack = await response.body.text();
  const ackedAt = performance.now();
  if (response.statusCode !== 200) throw new Error(`${url} answered HTTP ${response.statusCode}`);
  return { ackedAt, turnedAway: ack.includes(BUSY_TEXT) };
}

/** Waits until `at` (performance.now() time): a timer for the bulk, then turns of the event loop. */
async function until(at: number): Promise<void> {
  for (;;) {
    const left = at - performance.now();
    if (left <= 0) return;
    if (left > 2) await new Promise((resolve) => setTimeout(resolve, left - 1.5));
    else await new Promise((resolve) => setImmediate(resolve));
  }
}

async function openLoop(message: Extract<SlackSideOrder, { op: "open-loop" }>): Promise<OpenLoopRun> {
  const interval = 1000 / message.rate;
  const acks: number[] = new Array(message.count);
  const pending: Array<Promise<void>> = [];
  let maxSendLagMs = 0;
  let turnedAway = 0;
  const start = performance.now() + 5;
  for (let index = 0; index < message.count; index += 1) {
    const due = start + index * interval;
    await until(due);
    maxSendLagMs = Math.max(maxSendLagMs, performance.now() - due);
    pending.push(
      sendCommand(message.url, message.command, message.answersTo).then((acknowledged) => {
        acks[index] = acknowledged.ackedAt - due;
        if (acknowledged.turnedAway) turnedAway += 1;
      }),
    );
  }
  await Promise.all(pending);
  return { acks, maxSendLagMs, turnedAway, elapsedMs: performance.now() - start };
}

async function answer(message: SlackSideRequest): Promise<SlackSideReply> {
  switch (message.op) {
    case "run":
      return { id: message.id, ...(await run(message)) };
    case "open-loop":
      return { id: message.id, ...(await openLoop(message)) };
    case "responses":
      return { id: message.id, responses: responsesSoFar() };
    case "collect-garbage":
      collectGarbage();
      return { id: message.id, done: true };
  }
}

function write(line: SlackSideReply | SlackSideReady): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

write({ apiUrl: slack.url });
for await (const line of createInterface({ input: process.stdin })) {
  const message = JSON.parse(line) as SlackSideRequest;
  try {
    write(await answer(message));
  } catch (error) {
    write({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
}
await dispatcher.close();
await slack.close();
