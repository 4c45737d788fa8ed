/**
 * The compiled bot as an operator runs it (`node <flags> dist/main.js`, the Dockerfile's CMD, rebuilt first), against
 * a bare Bolt app (support/bare-bolt-server.mjs, plain JavaScript, same Bolt) started the same way, same node flags:
 *
 *   startup   from spawn until GET /healthz first answers 200 (the bot's 200 means its store and WhatsApp answered)
 *   idle RSS  once healthy and left alone for a few seconds
 *   RSS after 10,000 signed /wa-check commands (checks of the WhatsApp server's users, cached after the first of
 *             each), every answer posted to its response_url, then a few seconds of rest
 *
 * The bot runs on a SQLite file and an On-Premises WhatsApp server (the sandbox, in this process, as a real
 * deployment's server would be elsewhere); Slack's Web API and response_urls are a stand-in in this process too.
 * Goals: startup <= 1.5 s (median of several starts), idle RSS <= 120 MiB, RSS after the commands <= 160 MiB. The
 * bare app's figures are printed beside ours with the ratio; the exit code is 1 when any goal is missed.
 *
 *   npx tsx bench/startup-memory.ts
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { Agent, request } from "undici";
import { createLogger } from "../src/log/logger.js";
import { startSandbox } from "../src/sandbox/index.js";
import { startFakeSlackApi } from "../test/support/fake-slack-api.js";
import { freePort } from "../test/support/free-port.js";
import { signature, slashCommand } from "../test/support/slack-requests.js";
import { median } from "./median.js";
import { runAtConcurrency } from "./support/fixed-concurrency.js";
import { productionNodeFlags } from "./support/production-node-flags.js";

const ROOT = join(import.meta.dirname, "..");
const STARTS = 5;
const IDLE_SETTLE_MS = 3000;
const COMMANDS = 10_000;
const CONCURRENCY = 16;
const GOALS = { startupMs: 1500, idleMiB: 120, loadedMiB: 160 };
const SIGNING_SECRET = "bench-signing-secret";
const MODERATOR = "UBENCH0001";
const MiB = 1024 * 1024;

type Side = "bot" | "bare";

const build = spawnSync(
  process.execPath,
  [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
  { cwd: ROOT, encoding: "utf8" },
);
if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);

const dir = await mkdtemp(join(tmpdir(), "wam-bench-start-"));
const slack = await startFakeSlackApi();
const sandbox = await startSandbox({ rateLimit: false, logger: createLogger("error", "sandbox") });
const dispatcher = new Agent({ keepAliveTimeout: 30_000, connections: CONCURRENCY });
let starts = 0;

function environment(side: Side, port: number): Record<string, string> {
  const common = {
    PATH: process.env.PATH ?? "",
    PORT: String(port),
    SLACK_BOT_TOKEN: "xoxb-bench-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.url,
  };
  if (side === "bare") return common;
  return {
    ...common,
    STORE_URL: `sqlite://${join(dir, `bot-${++starts}.sqlite`)}`,
    WA_BACKEND: "onprem",
    WA_API_URL: sandbox.url,
    WA_USERNAME: sandbox.username,
    WA_PASSWORD: sandbox.password,
    WA_DEFAULT_COUNTRY: "US",
    MODERATORS: MODERATOR,
    CHECK_DAILY_BUDGET: "100000",
  };
}

interface Running {
  child: ChildProcess;
  port: number;
  startupMs: number;
}

/** Spawns `side` and polls /healthz every 5 ms until it answers 200. */
async function start(side: Side): Promise<Running> {
  const port = await freePort();
  const entry =
    side === "bot" ? join(ROOT, "dist/main.js") : join(import.meta.dirname, "support/bare-bolt-server.mjs");
  const spawned = performance.now();
  const child = spawn(process.execPath, [...productionNodeFlags(), entry], {
    cwd: dir,
    env: environment(side, port),
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    if (log.length < 20_000) log += chunk.toString();
  });
  const deadline = spawned + 30_000;
  while (performance.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${side} exited (${child.exitCode}) before it was healthy:\n${log}`);
    const healthy = await request(`http://127.0.0.1:${port}/healthz`, {
      dispatcher,
      headersTimeout: 2000,
    }).then(
      async (response) => {
        await response.body.dump();
        return response.statusCode === 200;
      },
      () => false,
    );
    if (healthy) return { child, port, startupMs: performance.now() - spawned };
    await sleep(5);
  }
  child.kill("SIGKILL");
  throw new Error(`${side} was not healthy within 30 s:\n${log}`);
}

async function stop(running: Running): Promise<void> {
  const exited = once(running.child, "exit");
  running.child.kill("SIGTERM");
  await exited;
}

async function rssMiB(pid: number | undefined): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kib = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
  return (kib * 1024) / MiB;
}

/** Sends the commands, a check of one of the server's users each, and waits for every answer. */
async function commands(running: Running, answers: boolean): Promise<void> {
  const numbers = [...sandbox.state.users.keys()].map((waId) => `+${waId}`);
  let answered = 0;
  slack.onResponseUrlHit(() => {
    answered += 1;
  });
  const url = `http://127.0.0.1:${running.port}/slack/events`;
  await runAtConcurrency(COMMANDS, CONCURRENCY, async (index) => {
    const body = slashCommand(numbers[index % numbers.length] ?? "", {
      userId: MODERATOR,
      responseUrl: slack.responseUrl(`bench-${running.port}-${index}`),
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await request(url, {
      dispatcher,
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": signature(SIGNING_SECRET, timestamp, body),
      },
      body,
    });
    await response.body.dump();
    if (response.statusCode !== 200) throw new Error(`command ${index} answered HTTP ${response.statusCode}`);
    // The stand-in keeps every hit; a few thousand bodies are not worth holding here.
    if (index % 500 === 0) slack.clear();
  });
  // The bare app only acks; the bot posts one answer per command.
  const deadline = Date.now() + 60_000;
  while (answers && answered < COMMANDS) {
    if (Date.now() > deadline) throw new Error(`only ${answered} of ${COMMANDS} answers arrived`);
    await sleep(20);
  }
  slack.clear();
}

const startupMs: Record<Side, number[]> = { bot: [], bare: [] };
const idle: Record<Side, number> = { bot: 0, bare: 0 };
const loaded: Record<Side, number> = { bot: 0, bare: 0 };
for (let round = 0; round < STARTS; round += 1) {
  const order: Side[] = round % 2 === 0 ? ["bot", "bare"] : ["bare", "bot"];
  for (const side of order) {
    const running = await start(side);
    startupMs[side].push(running.startupMs);
    if (round === STARTS - 1) {
      await sleep(IDLE_SETTLE_MS);
      idle[side] = await rssMiB(running.child.pid);
      await commands(running, side === "bot");
      await sleep(IDLE_SETTLE_MS);
      loaded[side] = await rssMiB(running.child.pid);
    }
    await stop(running);
  }
}

await dispatcher.close();
await sandbox.close();
await slack.close();
await rm(dir, { recursive: true, force: true });

const verdicts: string[] = [];
function report(label: string, bot: number, bare: number, unit: string, goal: number): void {
  const met = bot <= goal;
  console.log(
    `${label}: bot ${bot.toFixed(unit === "ms" ? 0 : 1)} ${unit}, bare Bolt ${bare.toFixed(unit === "ms" ? 0 : 1)} ${unit}, ` +
      `ratio ${(bot / bare).toFixed(2)} (goal: bot <= ${goal} ${unit}): ${met ? "met" : "NOT met"}`,
  );
  verdicts.push(`${label} ${met ? "met" : "NOT met"}`);
}
console.log(`node ${process.version}; ${STARTS} starts per side (ABBA), median; RSS from /proc/<pid>/status`);
report(
  "startup to first healthy /healthz",
  median(startupMs.bot),
  median(startupMs.bare),
  "ms",
  GOALS.startupMs,
);
report("idle RSS", idle.bot, idle.bare, "MiB", GOALS.idleMiB);
report(`RSS after ${COMMANDS} commands`, loaded.bot, loaded.bare, "MiB", GOALS.loadedMiB);
const met = verdicts.every((verdict) => verdict.endsWith(" met"));
console.log(`startup and memory: ${verdicts.join(", ")}`);
process.exitCode = met ? 0 : 1;
