import { mkdtemp, rm } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, HTTPReceiver } from "@slack/bolt";
import { loadConfig } from "../src/config/load-config.js";
import { createLogger } from "../src/log/logger.js";
import { startBot } from "../src/wiring.js";
import { percentile } from "./median.js";
import { collectGarbage } from "./support/collect-garbage.js";
import { startSlackSide } from "./support/slack-side-process.js";

/**
 * How long Slack waits for the acknowledgement of `/wa-check +16315551001` (a cached check: after the ack the app
 * reads the store, renders the rows and posts them to the response_url), against a bare Bolt App on an
 * HTTPReceiver with the same signing secret whose `/wa-check` only acks. Both run in this process, each alone on
 * its port, at a fixed concurrency, in alternating rounds (ABBA) after a warm-up; the app's answers are all
 * delivered, and the garbage collected, before the next round starts, so neither side pays for the other's
 * leftovers.
 *
 * Two loads, each at CONCURRENCY commands in flight:
 * - moderators (the target): each simulated moderator sends the next command once the answer to the last one
 *   has arrived, as a person who reads the answer does. A command is in flight until it is answered: for the
 *   app, when its rows reach the response_url; for the bare app, when it is acknowledged, since that is all
 *   it answers. The p99 ratio of this load is the exit code's target.
 * - saturation (reported, not a target): each connection sends the next command as soon as the last one is
 *   acknowledged, however far the answers lag. The server's one event loop is then always busy, an ack waits
 *   behind the work of the commands before it, and by Little's law the latency is concurrency / throughput:
 *   the ratio of this load is the ratio of CPU spent per command, which each line prints.
 *
 * Slack is another machine: the client that sends the signed commands and times their acknowledgements, and the
 * fake Web API that takes (and parses) every response_url post, run in a child process (support/slack-side.ts)
 * and reach the servers over loopback. On this process's event loop they would weigh on both servers' acks, and
 * more on the app's, since only the app posts answers.
 *
 *   npx tsx bench/slack-ack-latency.ts
 */

const SECRET = "bench-signing-secret";
const MODERATOR = "UBENCH0001";
const NUMBER = "+16315551001";
const CONCURRENCY = 8;
const WARM_UP = 400;
const PER_ROUND = 400;
const ROUNDS = 10;
const TARGET_P99_RATIO = 1.2;
const SETTLE_TIMEOUT_MS = 30_000;
const SETTLE_POLL_MS = 10;

type Side = "app" | "bare";
type Load = "moderators" | "saturation";

const dir = await mkdtemp(join(tmpdir(), "wam-bench-ack-"));
const slack = await startSlackSide();
// Production logs at info; lines go nowhere so the terminal does not weigh on the figures.
const logger = createLogger("info", "bench", { write: () => undefined });
const config = loadConfig({
  SLACK_BOT_TOKEN: "xoxb-bench-token",
  SLACK_SIGNING_SECRET: SECRET,
  SLACK_API_URL: slack.apiUrl,
  PORT: "0",
  STORE_URL: `sqlite://${join(dir, "store.sqlite")}`,
  MODERATORS: MODERATOR,
  CHECK_DAILY_BUDGET: "1000",
  LOG_LEVEL: "info",
});
const server = await startBot(config, logger);

const bareReceiver = new HTTPReceiver({
  signingSecret: SECRET,
  port: 0,
  logger,
  processBeforeResponse: false,
});
const bare = new App({
  receiver: bareReceiver,
  authorize: async () => ({ botToken: "xoxb-bench-token" }),
  logger,
  clientOptions: { slackApiUrl: slack.apiUrl },
});
bare.command("/wa-check", async ({ ack }) => {
  await ack();
});
const bareServer = (await bare.start(0)) as Server;
const barePort = (bareServer.address() as AddressInfo).port;

const urls: Record<Side, string> = {
  app: `http://127.0.0.1:${server.port}/slack/events`,
  bare: `http://127.0.0.1:${barePort}/slack/events`,
};
const command = { text: NUMBER, userId: MODERATOR, signingSecret: SECRET };
let sentToApp = 0;

/** Waits until every app command so far has posted its answer, so none of that work spills into a bare round. */
async function settleApp(): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  while ((await slack.responses()) < sentToApp) {
    if (Date.now() > deadline) throw new Error(`the app did not answer ${sentToApp} commands in time`);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
  }
}

interface Tally {
  acks: number[];
  answers: number[];
  elapsedMs: number;
  cpuMicros: number;
}

const emptyTally = (): Tally => ({ acks: [], answers: [], elapsedMs: 0, cpuMicros: 0 });

/** One round on one side; the CPU counted for the app runs until its last answer was posted. */
async function run(side: Side, load: Load, count: number, tally: Tally = emptyTally()): Promise<void> {
  const cpuBefore = process.cpuUsage();
  const until = side === "app" && load === "moderators" ? "answer" : "ack";
  const timings = await slack.run(urls[side], count, CONCURRENCY, command, until);
  if (side === "app") {
    sentToApp += count;
    await settleApp();
  }
  const cpu = process.cpuUsage(cpuBefore);
  tally.acks.push(...timings.acks);
  tally.answers.push(...timings.answers);
  tally.elapsedMs += timings.elapsedMs;
  tally.cpuMicros += cpu.user + cpu.system;
  collectGarbage();
  await slack.collectGarbage();
}

const ms = (values: number[], fraction: number) => percentile(values, fraction).toFixed(2);

function line(side: Side, tally: Tally): string {
  const count = tally.acks.length;
  const answers =
    tally.answers.length > 0
      ? `; answer p50 ${ms(tally.answers, 0.5)} ms, p99 ${ms(tally.answers, 0.99)} ms`
      : "";
  const rate = Math.round((count * 1000) / tally.elapsedMs);
  const cpu = Math.round(tally.cpuMicros / count);
  return `  ${side}: ack p50 ${ms(tally.acks, 0.5)} ms, p99 ${ms(tally.acks, 0.99)} ms over ${count}${answers}; ${rate} commands/s, ${cpu} µs CPU each`;
}

/** Warm-up, then ROUNDS alternating rounds; prints both sides and answers the p99 ratio app/bare. */
async function measure(load: Load): Promise<number> {
  await run("app", load, WARM_UP);
  await run("bare", load, WARM_UP);
  const tallies: Record<Side, Tally> = { app: emptyTally(), bare: emptyTally() };
  for (let round = 0; round < ROUNDS; round++) {
    const order: Side[] = round % 2 === 0 ? ["app", "bare"] : ["bare", "app"];
    for (const side of order) await run(side, load, PER_ROUND, tallies[side]);
  }
  const ratio = percentile(tallies.app.acks, 0.99) / percentile(tallies.bare.acks, 0.99);
  console.log(`${load}:`);
  console.log(line("app", tallies.app));
  console.log(line("bare", tallies.bare));
  console.log(`  p99 ratio app/bare: ${ratio.toFixed(2)}`);
  return ratio;
}

console.log(
  `/wa-check ${NUMBER} acknowledgement latency, concurrency ${CONCURRENCY}, ${ROUNDS} rounds of ${PER_ROUND}`,
);
// The first check asks the sandbox; every later one is answered from the cache.
await run("app", "moderators", 1);
await measure("saturation");
const ratio = await measure("moderators");
console.log(
  `p99 ratio app/bare, moderators waiting for answers: ${ratio.toFixed(2)} (target <= ${TARGET_P99_RATIO})`,
);

await bare.stop();
await server.stop();
await slack.close();
await rm(dir, { recursive: true, force: true });
process.exitCode = ratio <= TARGET_P99_RATIO ? 0 : 1;
