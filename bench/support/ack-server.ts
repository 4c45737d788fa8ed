/**
 * One Slack app under benchmark, alone in its own process (started by ack-servers.ts), so that neither app's heap,
 * garbage or timers weigh on the other's figures:
 *
 *   ack-server.ts app  <SLACK_API_URL> <data dir>   this bot, as startBot runs it (SQLite store, built-in sandbox)
 *   ack-server.ts bare <SLACK_API_URL>              a bare Bolt App on an HTTPReceiver with the same signing secret,
 *                                                   whose /wa-check only acks
 *
 * Writes one line `{"port": N}` on stdout once it listens; answers the line `cpu` on stdin with its CPU time so far
 * (`{"cpuMicros": N}`); stops when stdin closes. Logs go to stderr at production's level (info), as in production.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { App, HTTPReceiver } from "@slack/bolt";
import { loadConfig } from "../../src/config/load-config.js";
import { createLogger } from "../../src/log/logger.js";
import { startBot } from "../../src/wiring.js";
import { BENCH_BOT_TOKEN, BENCH_MODERATOR, BENCH_SIGNING_SECRET } from "./ack-servers.js";

async function startApp(
  slackApiUrl: string,
  dataDir: string,
): Promise<{ port: number; stop(): Promise<void> }> {
  const logger = createLogger("info");
  const config = loadConfig({
    SLACK_BOT_TOKEN: BENCH_BOT_TOKEN,
    SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET,
    SLACK_API_URL: slackApiUrl,
    PORT: "0",
    STORE_URL: `sqlite://${join(dataDir, "store.sqlite")}`,
    MODERATORS: BENCH_MODERATOR,
    CHECK_DAILY_BUDGET: "1000",
    LOG_LEVEL: "info",
  });
  const bot = await startBot(config, logger);
  return { port: bot.port, stop: () => bot.stop() };
}

async function startBare(slackApiUrl: string): Promise<{ port: number; stop(): Promise<void> }> {
  const logger = createLogger("info", "bare-bolt");
  const receiver = new HTTPReceiver({
    signingSecret: BENCH_SIGNING_SECRET,
    port: 0,
    logger,
    processBeforeResponse: false,
  });
  const app = new App({
    receiver,
    authorize: async () => ({ botToken: BENCH_BOT_TOKEN }),
    logger,
    clientOptions: { slackApiUrl },
  });
  app.command("/wa-check", async ({ ack }) => {
    await ack();
  });
  const server = (await app.start(0)) as Server;
  return {
    port: (server.address() as AddressInfo).port,
    stop: async () => {
      await app.stop();
    },
  };
}

const [side, slackApiUrl, dataDir] = process.argv.slice(2);
if ((side !== "app" && side !== "bare") || slackApiUrl === undefined || (side === "app" && !dataDir)) {
  throw new Error("usage: ack-server.ts app <SLACK_API_URL> <data dir> | bare <SLACK_API_URL>");
}
const server = side === "app" ? await startApp(slackApiUrl, dataDir ?? "") : await startBare(slackApiUrl);
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  if (line === "cpu") {
    const { user, system } = process.cpuUsage();
    process.stdout.write(`${JSON.stringify({ cpuMicros: user + system })}\n`);
  }
}
await server.stop();
process.exit(0);
