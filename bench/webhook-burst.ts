/**
 * A burst of On-Premises webhook deliveries against the running app, in one process: how fast each delivery is
 * answered (WhatsApp retries slow answers; the target is a p99 under 200 ms), and whether every message reaches
 * the relay channel exactly once. Baseline: a bare node:http server that reads the body and answers 200 under
 * the same burst from the same client. The last line is the verdict: p99 under target, and no message lost or
 * duplicated; the exit code is 1 otherwise. Run with `npx tsx bench/webhook-burst.ts`.
 */
import { Agent, createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import {
  type E2EApp,
  onPremInbound,
  relayedPosts,
  startE2EApp,
  WEBHOOK_SECRET,
} from "../test/e2e/harness.js";
import { percentile } from "./median.js";
import { runAtConcurrency } from "./support/fixed-concurrency.js";

const DELIVERIES = 500;
const CONCURRENCY = 32;
const DUPLICATE_SHARE = 0.1;
const SENDERS = 50;
const WARM_UP = 100;
const TARGET_P99_MS = 200;
const RELAY_TIMEOUT_MS = 60_000;

/** A fixed pseudo-random sequence (Park–Miller), so every run sends the same burst. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 48_271) % 2_147_483_647;
    return state / 2_147_483_647;
  };
}

/** The burst: one message per delivery, about one in ten repeating an earlier delivery (same id and sender). */
function burstBodies(
  prefix: string,
  count: number,
  random: () => number,
): { bodies: string[]; ids: string[] } {
  const ids: string[] = [];
  const bodies: string[] = [];
  const timestamp = Math.floor(Date.now() / 1000);
  for (let index = 0; index < count; index += 1) {
    const earlier = index > 0 && random() < DUPLICATE_SHARE ? Math.floor(random() * index) : index;
    const id = `wamid.${prefix}-${earlier}`;
    const from = String(16315560000 + (earlier % SENDERS));
    ids.push(id);
    bodies.push(JSON.stringify(onPremInbound({ from, id, timestamp, text: `burst message ${id}` })));
  }
  return { bodies, ids };
}

// node:http rather than fetch: fetch's own cost and pauses in this shared process outweighed both servers' figures.
// One keep-alive connection per concurrent delivery.
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function post(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "x-webhook-secret": WEBHOOK_SECRET,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** POSTs every body to `url` at fixed concurrency; answers each delivery's latency in ms. */
async function deliver(url: string, bodies: string[]): Promise<number[]> {
  const latencies: number[] = [];
  await runAtConcurrency(bodies.length, CONCURRENCY, async (index) => {
    const started = performance.now();
    const status = await post(url, bodies[index] ?? "");
    latencies.push(performance.now() - started);
    if (status !== 200) throw new Error(`delivery ${index} answered ${status}`);
  });
  return latencies;
}

async function startBareServer(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/whatsapp/webhook`, server };
}

/**
 * Waits until every message id in `ids` has been posted to the relay channel (the relay is a queue in the store,
 * drained after the webhook has answered), or RELAY_TIMEOUT_MS; answers how long that took. What is still missing
 * then is counted as lost.
 */
async function waitForRelays(app: E2EApp, ids: string[]): Promise<number> {
  const started = performance.now();
  while (relayCounts(app, ids).lost > 0 && performance.now() - started < RELAY_TIMEOUT_MS) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return performance.now() - started;
}

function relayCounts(app: E2EApp, ids: string[]) {
  const unique = new Set(ids);
  const accepted = new Map<string, number>();
  let refused = 0;
  for (const post of relayedPosts(app.slack)) {
    // The fake Slack answers a post without the bot token "not_authed": nothing shows in the channel.
    if (post.token === undefined) {
      refused += 1;
      continue;
    }
    const payload = (post.body.metadata as { event_payload?: { message_id?: unknown } }).event_payload;
    const id = String(payload?.message_id);
    if (unique.has(id)) accepted.set(id, (accepted.get(id) ?? 0) + 1);
  }
  const lost = [...unique].filter((id) => !accepted.has(id)).length;
  const duplicated = [...accepted.values()].reduce((sum, count) => sum + Math.max(0, count - 1), 0);
  return { unique: unique.size, lost, duplicated, refused };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

async function main(): Promise<void> {
  const random = seededRandom(42);
  const warmUp = burstBodies("warm", WARM_UP, random);
  const burst = burstBodies("burst", DELIVERIES, random);

  const bare = await startBareServer();
  await deliver(bare.url, warmUp.bodies);
  const bareLatencies = await deliver(bare.url, burst.bodies);
  await new Promise<void>((resolve) => bare.server.close(() => resolve()));

  const app = await startE2EApp();
  try {
    const webhookUrl = `${app.url}/whatsapp/webhook`;
    await deliver(webhookUrl, warmUp.bodies);
    await waitForRelays(app, warmUp.ids);
    const appLatencies = await deliver(webhookUrl, burst.bodies);
    const relayTail = await waitForRelays(app, burst.ids);
    const counts = relayCounts(app, burst.ids);

    const bareP50 = percentile(bareLatencies, 0.5);
    const bareP99 = percentile(bareLatencies, 0.99);
    const appP50 = percentile(appLatencies, 0.5);
    const appP99 = percentile(appLatencies, 0.99);
    console.log(
      `burst: ${DELIVERIES} deliveries (${counts.unique} unique message ids, ` +
        `${DELIVERIES - counts.unique} repeats), concurrency ${CONCURRENCY}, ${SENDERS} senders`,
    );
    console.log(`bare node:http  p50 ${ms(bareP50)}  p99 ${ms(bareP99)}`);
    console.log(`app webhook     p50 ${ms(appP50)}  p99 ${ms(appP99)}`);
    console.log(`p99 ratio app/bare: ${(appP99 / bareP99).toFixed(2)}`);
    console.log(`relay finished ${ms(relayTail)} after the last answer`);
    console.log(`relay channel: ${counts.refused} posts refused by Slack (no bot token)`);
    const met = appP99 < TARGET_P99_MS && counts.lost === 0 && counts.duplicated === 0;
    console.log(
      `app p99 ${ms(appP99)} (target < ${TARGET_P99_MS} ms), ${counts.lost} lost, ` +
        `${counts.duplicated} duplicated (target 0 each): ${met ? "met" : "MISSED"}`,
    );
    if (!met) process.exitCode = 1;
  } finally {
    agent.destroy();
    await app.close();
  }
}

await main();
