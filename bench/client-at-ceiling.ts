/**
 * The On-Premises client at the server's ceiling: a WhatsApp server limited to exactly 20 requests/s (bursts of
 * 60, as the client assumes) behind a proxy that notes every answer, and the compiled bot (`node dist/main.js`,
 * production's flags, SQLite store, its default rate limit) offered 60 `/wa-check <new number>` a second, open loop,
 * three times what the server takes. Baseline, against the same server after it has rested: a bare client that
 * sends one POST /v1/contacts exactly every 50 ms (the ceiling, no limiter, no retries).
 *
 * Counted from when the initial bursts are spent (after WARM_UP_SECONDS) to the end of the offer: contacts
 * requests the server answered 200, per second, against the ceiling; every 429 the server gave over the whole run
 * (the bot is the server's only client, so each is self-caused); and GET /healthz, asked twice a second during the
 * run, which must keep answering 200. Goal: at least 0.9 × the ceiling, no 429, /healthz always 200; the exit code
 * is 1 otherwise.
 *
 *   npx tsx bench/client-at-ceiling.ts
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { Agent, request } from "undici";
import { createLogger } from "../src/log/logger.js";
import { startSandbox } from "../src/sandbox/index.js";
import { startFakeSlackApi } from "../test/support/fake-slack-api.js";
import {
  BENCH_MODERATOR,
  BENCH_SIGNING_SECRET,
  BOT_ENTRY,
  buildDist,
  sendCommand,
  startUntilHealthy,
  statusOf,
} from "./support/bot-process.js";
import { type CountingProxy, startCountingProxy } from "./support/counting-proxy.js";
import { freshNumbers } from "./support/fresh-numbers.js";

const CEILING_PER_SECOND = 20;
const BURST = 60;
const OFFERED_PER_SECOND = 60;
const SECONDS = 25;
const WARM_UP_SECONDS = 6;
const HEALTH_EVERY_MS = 500;
const TARGET_SHARE = 0.9;
const REST_MS = (BURST / CEILING_PER_SECOND) * 1000 + 500;

interface Figures {
  perSecond: number;
  tooMany: number;
  /** Contacts requests answered 200 in each second of the run, from the start of the offer. */
  eachSecond: number[];
}

/** Contacts requests answered 200 per second in the counted window, and 429s over the whole run. */
function figures(proxy: CountingProxy, from: number, startedAt: number): Figures {
  const answers = proxy.answers.filter(
    (answer) => answer.at >= from && answer.path.startsWith("/v1/contacts"),
  );
  const windowStart = startedAt + WARM_UP_SECONDS * 1000;
  const windowEnd = startedAt + SECONDS * 1000;
  const served = answers.filter((a) => a.status === 200 && a.at >= windowStart && a.at < windowEnd).length;
  const eachSecond = Array.from({ length: SECONDS }, (_, second) => {
    const from = startedAt + second * 1000;
    return answers.filter((a) => a.status === 200 && a.at >= from && a.at < from + 1000).length;
  });
  return {
    eachSecond,
    perSecond: served / (SECONDS - WARM_UP_SECONDS),
    tooMany: proxy.answers.filter((answer) => answer.at >= from && answer.status === 429).length,
  };
}

/** Calls `send(i)` at start + i / rate for SECONDS, open loop; resolves when the last is due (not when answered). */
async function offer(rate: number, send: (index: number) => Promise<unknown>): Promise<number> {
  const startedAt = performance.now();
  const total = rate * SECONDS;
  for (let index = 0; index < total; index += 1) {
    const wait = startedAt + (index * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    void send(index).catch(() => undefined);
  }
  return startedAt;
}

buildDist();
const dir = await mkdtemp(join(tmpdir(), "wam-bench-ceiling-"));
const slack = await startFakeSlackApi();
const sandbox = await startSandbox({
  rateLimit: { perSecond: CEILING_PER_SECOND, burst: BURST },
  logger: createLogger("error", "sandbox"),
});
const proxy = await startCountingProxy(sandbox.url);
const dispatcher = new Agent({ keepAliveTimeout: 30_000 });

// The bot.
const bot = await startUntilHealthy(
  BOT_ENTRY,
  {
    SLACK_BOT_TOKEN: "xoxb-bench-token",
    SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET,
    SLACK_API_URL: slack.url,
    STORE_URL: `sqlite://${join(dir, "bot.sqlite")}`,
    WA_BACKEND: "onprem",
    WA_API_URL: proxy.url,
    WA_USERNAME: sandbox.username,
    WA_PASSWORD: sandbox.password,
    WA_DEFAULT_COUNTRY: "US",
    MODERATORS: BENCH_MODERATOR,
    CHECK_DAILY_BUDGET: "100000",
  },
  { cwd: dir, dispatcher },
);
const health: number[] = [];
let offering = true;
const probing = (async () => {
  while (offering) {
    health.push(await statusOf(`http://127.0.0.1:${bot.port}/healthz`, dispatcher));
    await sleep(HEALTH_EVERY_MS);
  }
})();
const numbers = freshNumbers(OFFERED_PER_SECOND * SECONDS);
const botFrom = performance.now();
const botStarted = await offer(OFFERED_PER_SECOND, (index) =>
  sendCommand(bot.port, numbers[index] ?? "", slack.responseUrl(`ceiling-${index}`), dispatcher),
);
await sleep(Math.max(0, botStarted + SECONDS * 1000 - performance.now()));
offering = false;
await probing;
const ours = figures(proxy, botFrom, botStarted);
// The rest of the queue is not counted: SIGKILL rather than a 10 s drain.
bot.child.kill("SIGKILL");
await sleep(REST_MS);

// The bare client: one request every 1/CEILING s, with a token fetched once.
const basic = Buffer.from(`${sandbox.username}:${sandbox.password}`).toString("base64");
const login = await request(`${proxy.url}/v1/users/login`, {
  dispatcher,
  method: "POST",
  headers: { authorization: `Basic ${basic}` },
});
const token = ((await login.body.json()) as { users?: Array<{ token?: string }> }).users?.[0]?.token;
if (token === undefined) throw new Error(`the bare client could not log in (HTTP ${login.statusCode})`);
const bareNumbers = freshNumbers(CEILING_PER_SECOND * SECONDS);
const bareFrom = performance.now();
const bareStarted = await offer(CEILING_PER_SECOND, async (index) => {
  const response = await request(`${proxy.url}/v1/contacts`, {
    dispatcher,
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ blocking: "wait", contacts: [bareNumbers[index]], force_check: false }),
  });
  await response.body.dump();
});
await sleep(Math.max(0, bareStarted + SECONDS * 1000 - performance.now()) + 1000);
const bare = figures(proxy, bareFrom, bareStarted);

await dispatcher.close();
await proxy.close();
await sandbox.close();
await slack.close();
await rm(dir, { recursive: true, force: true });

const unhealthy = health.filter((status) => status !== 200);
const share = ours.perSecond / CEILING_PER_SECOND;
console.log(
  `server limited to ${CEILING_PER_SECOND}/s (bursts of ${BURST}); counted from ${WARM_UP_SECONDS} s to ${SECONDS} s`,
);
console.log(
  `  bot, offered ${OFFERED_PER_SECOND} checks/s: ${ours.perSecond.toFixed(1)} contacts requests/s served, ` +
    `${ours.tooMany} answered 429; /healthz ${health.length - unhealthy.length} of ${health.length} answered 200` +
    (unhealthy.length > 0 ? ` (others: ${[...new Set(unhealthy)].join(", ")})` : ""),
);
console.log(
  `  bare client, one request every ${1000 / CEILING_PER_SECOND} ms: ${bare.perSecond.toFixed(1)} requests/s ` +
    `served, ${bare.tooMany} answered 429`,
);
console.log(`  bot, served in each second: ${ours.eachSecond.join(" ")}`);
console.log(`  bot/bare throughput ratio: ${(ours.perSecond / bare.perSecond).toFixed(2)}`);
const met = share >= TARGET_SHARE && ours.tooMany === 0 && unhealthy.length === 0;
console.log(
  `bot at the ceiling: ${share.toFixed(2)} of ${CEILING_PER_SECOND}/s (target >= ${TARGET_SHARE}), ` +
    `${ours.tooMany} self-caused 429s (target 0), /healthz ${unhealthy.length === 0 ? "always 200" : "NOT always 200"}: ` +
    `${met ? "met" : "NOT met"}`,
);
process.exitCode = met ? 0 : 1;
