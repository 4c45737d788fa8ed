import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { Agent, request } from "undici";
import { startFakeSlackApi } from "../../test/support/fake-slack-api.js";
import { signature, slashCommand } from "../../test/support/slack-requests.js";
import { collectGarbage } from "./collect-garbage.js";
import { runAtConcurrency } from "./fixed-concurrency.js";
import type {
  CommandSpec,
  SlackSideOrder,
  SlackSideReady,
  SlackSideReply,
  SlackSideRequest,
} from "./slack-side-protocol.js";

/**
 * Slack, for a benchmark, in a process of its own (started by slack-side-process.ts): the client that sends
 * signed slash commands and times their acknowledgements, and the fake Web API that takes the response_url
 * posts. Speaks the JSON lines of slack-side-protocol.ts on stdin/stdout; exits when stdin closes.
 */

const slack = await startFakeSlackApi();
const responseUrl = slack.responseUrl("bench");
// Keep-alive, as Slack keeps its connections to an app open; one connection per request in flight.
const dispatcher = new Agent({ keepAliveTimeout: 30_000 });
let responses = 0;

/** Hits are counted, then forgotten: a few thousand bodies are not worth holding. */
function responsesSoFar(): number {
  responses += slack.responseUrlHits.length;
  slack.clear();
  return responses;
}

/** One signed command; resolves with the milliseconds until its acknowledgement was read. */
async function ackMs(url: string, command: CommandSpec): Promise<number> {
  const body = slashCommand(command.text, { userId: command.userId, responseUrl });
  const timestamp = Math.floor(Date.now() / 1000);
  const started = performance.now();
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
  await response.body.text();
  const elapsed = performance.now() - started;
  if (response.statusCode !== 200) throw new Error(`${url} answered HTTP ${response.statusCode}`);
  return elapsed;
}

async function run(message: Extract<SlackSideOrder, { op: "run" }>): Promise<number[]> {
  const latencies: number[] = [];
  await runAtConcurrency(message.count, message.concurrency, async () => {
    latencies.push(await ackMs(message.url, message.command));
  });
  return latencies;
}

async function answer(message: SlackSideRequest): Promise<SlackSideReply> {
  switch (message.op) {
    case "run":
      return { id: message.id, latencies: await run(message) };
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
