import { mkdtemp, rm } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/logger.js";
import { startServer } from "../src/server.js";
import { percentile } from "./median.js";
import { collectGarbage } from "./support/collect-garbage.js";
import { startSlackSide } from "./support/slack-side-process.js";

/**
 * How long Slack waits for the acknowledgement of `/wa-check +16315551001` (a cached check: after the ack the app
 * reads the store, renders the rows and posts them to the response_url), against a bare Bolt App on an
 * HTTPReceiver with the same signing secret whose `/wa-check` only acks. Both run in this process, each alone on
 * its port, at a fixed concurrency, in alternating rounds (ABBA) after a warm-up; the app's answers are all
 * delivered, and the garbage collected, before the next round starts, so neither side pays for the other's
 * leftovers. Each side's line also gives the CPU this process spent per command (for the app, up to its answer
 * being posted): with every connection busy the servers' event loop is saturated, so the acks queue behind
 * that work and the latencies follow it. The last line is the p99 ratio app/bare; the exit code is 1 when it
 * misses the target.
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
const ROUNDS = 8;
const TARGET_P99_RATIO = 1.2;
const SETTLE_TIMEOUT_MS = 30_000;
const SETTLE_POLL_MS = 10;

type Side = "app" | "bare";

const dir = await mkdtemp(join(tmpdir(), "wam-bench-ack-"));
const slack = await startSlackSide();
// Production logs at info; lines go nowhere so the terminal does not weigh on the figures.
const logger = createLogger(LogLevel.INFO, "bench", () => undefined);
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
const server = await startServer(config, logger);

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
const cpuMicros: Record<Side, number> = { app: 0, bare: 0 };

/** Waits until every app command so far has posted its answer, so none of that work spills into a bare round. */
async function settleApp(): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  while ((await slack.responses()) < sentToApp) {
    if (Date.now() > deadline) throw new Error(`the app did not answer ${sentToApp} commands in time`);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
  }
}

async function run(side: Side, count: number): Promise<number[]> {
  const cpuBefore = process.cpuUsage();
  const times = await slack.run(urls[side], count, CONCURRENCY, command);
  if (side === "app") {
    sentToApp += count;
    await settleApp();
  }
  const cpu = process.cpuUsage(cpuBefore);
  cpuMicros[side] += cpu.user + cpu.system;
  collectGarbage();
  await slack.collectGarbage();
  return times;
}

// The first check asks the sandbox; every later one is answered from the cache.
await run("app", 1);
await run("app", WARM_UP);
await run("bare", WARM_UP);

const samples: Record<Side, number[]> = { app: [], bare: [] };
cpuMicros.app = 0;
cpuMicros.bare = 0;
for (let round = 0; round < ROUNDS; round++) {
  const order: Side[] = round % 2 === 0 ? ["app", "bare"] : ["bare", "app"];
  for (const side of order) samples[side].push(...(await run(side, PER_ROUND)));
}

const line = (side: Side) => {
  const times = samples[side];
  const cpu = Math.round(cpuMicros[side] / times.length);
  return `${side}: p50 ${percentile(times, 0.5).toFixed(2)} ms, p99 ${percentile(times, 0.99).toFixed(2)} ms over ${times.length} acks; ${cpu} µs CPU each`;
};
const ratio = percentile(samples.app, 0.99) / percentile(samples.bare, 0.99);
console.log(`/wa-check ${NUMBER} acknowledgement latency, concurrency ${CONCURRENCY}, ${ROUNDS} rounds`);
console.log(line("app"));
console.log(line("bare"));
console.log(`p99 ratio app/bare: ${ratio.toFixed(2)} (target <= ${TARGET_P99_RATIO})`);

await bare.stop();
await server.stop();
await slack.close();
await rm(dir, { recursive: true, force: true });
process.exitCode = ratio <= TARGET_P99_RATIO ? 0 : 1;
