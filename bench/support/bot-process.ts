import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { type Dispatcher, request } from "undici";
import { freePort } from "../../test/support/free-port.js";
import { productionNodeFlags } from "../../test/support/production-node-flags.js";
import { signature, slashCommand } from "../../test/support/slack-requests.js";

/** Benchmarks of the compiled bot as operators run it: `node <production flags> dist/main.js`, in its own process. */

export const ROOT = join(import.meta.dirname, "../..");
export const BOT_ENTRY = join(ROOT, "dist/main.js");
export const BENCH_SIGNING_SECRET = "bench-signing-secret";
export const BENCH_MODERATOR = "UBENCH0001";
const HEALTHY_WITHIN_MS = 30_000;

/** What `npm ci` does through the prepare script, so that a benchmark never measures a stale dist/. */
export function buildDist(): void {
  const build = spawnSync(
    process.execPath,
    [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
    { cwd: ROOT, encoding: "utf8" },
  );
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
}

export interface RunningProcess {
  child: ChildProcess;
  port: number;
  /** From spawn until GET /healthz first answered 200. */
  startupMs: number;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/**
 * Spawns `entry` on production's node flags with `env` (and PATH, nothing else from this shell) and a free PORT,
 * polling GET /healthz every 5 ms until it answers 200.
 */
export async function startUntilHealthy(
  entry: string,
  env: Record<string, string>,
  options: { cwd: string; dispatcher: Dispatcher },
): Promise<RunningProcess> {
  const port = await freePort();
  const spawned = performance.now();
  const child = spawn(process.execPath, [...productionNodeFlags(), entry], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? "", ...env, PORT: String(port) },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const exited = once(child, "exit");
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    if (log.length < 20_000) log += chunk.toString();
  });
  const healthz = `http://127.0.0.1:${port}/healthz`;
  while (performance.now() < spawned + HEALTHY_WITHIN_MS) {
    if (child.exitCode !== null)
      throw new Error(`${entry} exited (${child.exitCode}) before it was healthy:\n${log}`);
    if ((await statusOf(healthz, options.dispatcher)) === 200) {
      return {
        child,
        port,
        startupMs: performance.now() - spawned,
        stop: async () => {
          child.kill("SIGTERM");
          await exited;
        },
      };
    }
    await sleep(5);
  }
  child.kill("SIGKILL");
  throw new Error(`${entry} was not healthy within ${HEALTHY_WITHIN_MS / 1000} s:\n${log}`);
}

/** The HTTP status of a GET, or 0 when nothing answered. */
export function statusOf(url: string, dispatcher: Dispatcher): Promise<number> {
  return request(url, { dispatcher, headersTimeout: 2000, bodyTimeout: 2000 }).then(
    async (response) => {
      await response.body.dump();
      return response.statusCode;
    },
    () => 0,
  );
}

/**
 * Sends `/wa-check <text>` as Slack would, signed with BENCH_SIGNING_SECRET; answers the ack's body, and throws on
 * any status but 200.
 */
export async function sendCommand(
  port: number,
  text: string,
  responseUrl: string,
  dispatcher: Dispatcher,
): Promise<string> {
  const body = slashCommand(text, { userId: BENCH_MODERATOR, responseUrl });
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await request(`http://127.0.0.1:${port}/slack/events`, {
    dispatcher,
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": signature(BENCH_SIGNING_SECRET, timestamp, body),
    },
    body,
  });
  const ack = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`/wa-check ${text} answered HTTP ${response.statusCode}`);
  return ack;
}
