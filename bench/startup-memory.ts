/**
 * The compiled bot as an operator runs it (`node <flags> dist/main.js`, the Dockerfile's CMD, rebuilt first), against
 * a bare Bolt app (support/bare-bolt-server.mjs, plain JavaScript, same Bolt) started the same way, same node flags:
 *
 *   startup   from spawn until GET /healthz first answers 200 (the bot's 200 means its store and WhatsApp answered)
 *   idle RSS  once healthy and left alone for a few seconds
 *   idle CPU  then, still alone, CPU time of all its threads per second over 10 s (its background work: health
 *             probes, purges, metrics sampling), from /proc/<pid>/task/<tid>/schedstat; the window opens 10 s after
 *             the RSS reading, past the one collection V8 makes of a heap that has gone idle (some 65 ms of CPU)
 *   RSS after 10,000 signed /wa-check commands (checks of the WhatsApp server's users, cached after the first of
 *             each), 16 senders each waiting for its answer on the response_url before the next, then a few
 *             seconds of rest; none may be turned away as busy
 *   overload  RSS after 10,000 more, of numbers never checked before (each one a look-up under the server's 20 a
 *             second), each of the 16 senders sending its next as soon as the last is acknowledged: far more than
 *             the bot can do, so it must turn commands away instead of queueing them without bound
 *
 * The bot runs on a SQLite file and an On-Premises WhatsApp server (the sandbox, in this process, as a real
 * deployment's server would be elsewhere); Slack's Web API and response_urls are a stand-in in this process too.
 * Goals: startup <= 1.5 s (median of several starts), idle RSS <= 120 MiB, idle CPU <= 5 ms a second (0.5 % of
 * a core), RSS after either phase <= 160 MiB. The bare app's figures are printed beside ours with the ratio; the
 * exit code is 1 when any goal is missed.
 *
 *   npx tsx bench/startup-memory.ts
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Agent } from "undici";
import { createLogger } from "../src/log/logger.js";
import { startSandbox } from "../src/sandbox/index.js";
import { BUSY_TEXT } from "../src/slack/text/busy-text.js";
import { startFakeSlackApi } from "../test/support/fake-slack-api.js";
import { median } from "./median.js";
import { answerWaiters } from "./support/answer-waiters.js";
import {
  BENCH_MODERATOR,
  BENCH_SIGNING_SECRET,
  BOT_ENTRY,
  buildDist,
  type RunningProcess,
  sendCommand,
  startUntilHealthy,
} from "./support/bot-process.js";
import { runAtConcurrency } from "./support/fixed-concurrency.js";
import { freshNumbers } from "./support/fresh-numbers.js";

const STARTS = 5;
const IDLE_SETTLE_MS = 3000;
const COMMANDS = 10_000;
const CONCURRENCY = 16;
const IDLE_CPU_SETTLE_MS = 10_000;
const IDLE_CPU_MS = 10_000;
const GOALS = { startupMs: 1500, idleMiB: 120, idleCpuMsPerSecond: 5, loadedMiB: 160 };
const MiB = 1024 * 1024;
const ENTRIES = { bot: BOT_ENTRY, bare: join(import.meta.dirname, "support/bare-bolt-server.mjs") };

type Side = keyof typeof ENTRIES;

buildDist();
const dir = await mkdtemp(join(tmpdir(), "wam-bench-start-"));
const slack = await startFakeSlackApi();
const sandbox = await startSandbox({ rateLimit: false, logger: createLogger("error", "sandbox") });
const dispatcher = new Agent({ keepAliveTimeout: 30_000, connections: CONCURRENCY });
let starts = 0;

function environment(side: Side): Record<string, string> {
  const slackEnv = {
    // As in the container image: V8's code cache on disk (Node 22 and later; Node 20 ignores it). The first start
    // of each side fills its own, as the image's build does; the median start is a warm one.
    NODE_COMPILE_CACHE: join(dir, `compile-cache-${side}`),
    SLACK_BOT_TOKEN: "xoxb-bench-token",
    SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET,
    SLACK_API_URL: slack.url,
  };
  if (side === "bare") return slackEnv;
  return {
    ...slackEnv,
    STORE_URL: `sqlite://${join(dir, `bot-${++starts}.sqlite`)}`,
    WA_BACKEND: "onprem",
    WA_API_URL: sandbox.url,
    WA_USERNAME: sandbox.username,
    WA_PASSWORD: sandbox.password,
    WA_DEFAULT_COUNTRY: "US",
    MODERATORS: BENCH_MODERATOR,
    CHECK_DAILY_BUDGET: "100000",
  };
}

async function rssMiB(pid: number | undefined): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kib = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
  return (kib * 1024) / MiB;
}

/** CPU time all of the process's threads have run so far, in ms (the first field of each thread's schedstat, ns). */
async function cpuMs(pid: number | undefined): Promise<number> {
  let nanos = 0;
  for (const thread of await readdir(`/proc/${pid}/task`)) {
    // A thread may end between the listing and the read.
    const schedstat = await readFile(`/proc/${pid}/task/${thread}/schedstat`, "utf8").catch(() => "0");
    nanos += Number(schedstat.split(" ")[0]);
  }
  return nanos / 1e6;
}

/** CPU per second over IDLE_CPU_MS of nothing asked of the process, after IDLE_CPU_SETTLE_MS more of the same. */
async function idleCpuMsPerSecond(pid: number | undefined): Promise<number> {
  await sleep(IDLE_CPU_SETTLE_MS);
  const before = await cpuMs(pid);
  await sleep(IDLE_CPU_MS);
  return ((await cpuMs(pid)) - before) / (IDLE_CPU_MS / 1000);
}

const ANSWER_TIMEOUT_MS = 30_000;
/** When the answer to a response_url path arrived; a bot that never answers fails the run. */
const answerAt = answerWaiters(slack, ANSWER_TIMEOUT_MS);

/**
 * Sends the commands, a check of one number each, CONCURRENCY at a time, and answers how many were turned away as
 * busy. With `answers`, each of the CONCURRENCY senders waits for its command's answer before
 * sending the next, as a moderator does. Without, each sends its next command as soon as the last is acknowledged:
 * since the bot acknowledges before it works, that offers more than any bot can do, an overload, which the bot
 * must survive by turning commands away rather than queueing them until its heap runs out.
 */
async function commands(running: RunningProcess, answers: boolean): Promise<number> {
  // Paced: the server's users, cached after the first check of each. Overload: numbers never checked before, so
  // each is a look-up under the server's 20 a second, as in a burst of checks of new numbers.
  const numbers = answers
    ? [...sandbox.state.users.keys()].map((waId) => `+${waId}`)
    : freshNumbers(COMMANDS);
  let turnedAway = 0;
  await runAtConcurrency(COMMANDS, CONCURRENCY, async (index) => {
    const responseUrl = slack.responseUrl(`bench-${running.port}-${answers}-${index}`);
    const answered = answers ? answerAt(new URL(responseUrl).pathname) : undefined;
    const ack = await sendCommand(
      running.port,
      numbers[index % numbers.length] ?? "",
      responseUrl,
      dispatcher,
    );
    if (ack.includes(BUSY_TEXT)) {
      turnedAway += 1;
      // No answer follows a command turned away: its waiter's timeout is no failure.
      answered?.catch(() => undefined);
    } else await answered;
    // The stand-in keeps every hit; a few thousand bodies are not worth holding here.
    if (index % 500 === 0) slack.clear();
  });
  slack.clear();
  return turnedAway;
}

const startupMs: Record<Side, number[]> = { bot: [], bare: [] };
const idle: Record<Side, number> = { bot: 0, bare: 0 };
const idleCpu: Record<Side, number> = { bot: 0, bare: 0 };
const loaded: Record<Side, number> = { bot: 0, bare: 0 };
const overloaded: Record<Side, number> = { bot: 0, bare: 0 };
let turnedAway = { answered: 0, overload: 0 };
for (let round = 0; round < STARTS; round += 1) {
  const order: Side[] = round % 2 === 0 ? ["bot", "bare"] : ["bare", "bot"];
  for (const side of order) {
    const running = await startUntilHealthy(ENTRIES[side], environment(side), { cwd: dir, dispatcher });
    startupMs[side].push(running.startupMs);
    if (round === STARTS - 1) {
      await sleep(IDLE_SETTLE_MS);
      idle[side] = await rssMiB(running.child.pid);
      idleCpu[side] = await idleCpuMsPerSecond(running.child.pid);
      // The bare app only acks: there is no answer to wait for.
      const answered = await commands(running, side === "bot");
      await sleep(IDLE_SETTLE_MS);
      loaded[side] = await rssMiB(running.child.pid);
      const overload = await commands(running, false);
      await sleep(IDLE_SETTLE_MS);
      overloaded[side] = await rssMiB(running.child.pid);
      if (side === "bot") turnedAway = { answered, overload };
    }
    await running.stop();
  }
}

await dispatcher.close();
await sandbox.close();
await slack.close();
await rm(dir, { recursive: true, force: true });

const verdicts: string[] = [];
let allMet = true;
function report(label: string, bot: number, bare: number, unit: string, goal: number): void {
  const met = bot <= goal;
  const digits = unit === "ms" ? 0 : unit === "ms/s" ? 2 : 1;
  console.log(
    `${label}: bot ${bot.toFixed(digits)} ${unit}, bare Bolt ${bare.toFixed(digits)} ${unit}, ` +
      `ratio ${(bot / bare).toFixed(2)} (goal: bot <= ${goal} ${unit}): ${met ? "met" : "NOT met"}`,
  );
  verdicts.push(`${label} ${met ? "met" : "NOT met"}`);
  allMet &&= met;
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
report("idle CPU", idleCpu.bot, idleCpu.bare, "ms/s", GOALS.idleCpuMsPerSecond);
report(`RSS after ${COMMANDS} commands`, loaded.bot, loaded.bare, "MiB", GOALS.loadedMiB);
report(
  `RSS after ${COMMANDS} more under overload (${turnedAway.overload} turned away as busy)`,
  overloaded.bot,
  overloaded.bare,
  "MiB",
  GOALS.loadedMiB,
);
if (turnedAway.answered > 0) {
  console.log(`${turnedAway.answered} of the first ${COMMANDS} commands were turned away as busy: NOT met`);
  verdicts.push("every paced command served NOT met");
  allMet = false;
}
console.log(`startup and memory: ${verdicts.join(", ")}`);
process.exitCode = allMet ? 0 : 1;
