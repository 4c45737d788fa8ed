import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeSlackApi, startFakeSlackApi } from "../support/fake-slack-api.js";
import { productionNodeFlags } from "../support/production-node-flags.js";

/**
 * The bot as an operator runs it: the compiled entry point (`npm start` runs `node dist/main.js`; the container's
 * CMD runs it directly, with heap limits) in its own process, stopped by a signal. dist/ is rebuilt first, so these
 * cases never run a stale build. CI runs this file on Node 20, 22 and 24.
 */

const ROOT = join(import.meta.dirname, "../..");
const ENTRY = join(ROOT, "dist/main.js");
/** docs/CONTRACT.md §3: requests in flight get at most 10 s. */
const STOP_WITHIN_MS = 10_000;

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function run(command: string, args: string[], env: Record<string, string>, cwd: string): Started {
  const child = spawn(command, args, {
    cwd,
    // A clean environment: nothing from the developer's shell or a .env leaks in.
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** As the container's CMD starts it: this Node, the Dockerfile's flags, dist/main.js. */
const runBot = (env: Record<string, string>, cwd: string) =>
  run(process.execPath, [...productionNodeFlags(), ENTRY], env, cwd);

async function waitForOutput(
  started: Started,
  pattern: RegExp,
  timeoutMs = 15_000,
): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = pattern.exec(started.output());
    if (match) return match;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no ${pattern} in the output within ${timeoutMs} ms:\n${started.output()}`);
}

/** Sends `signal` and answers the exit code and how long the stop took. */
async function stopWith(
  started: Started,
  signal: NodeJS.Signals,
): Promise<{ code: number | null; ms: number }> {
  const sent = Date.now();
  started.child.kill(signal);
  const code = await started.exited;
  return { code, ms: Date.now() - sent };
}

describe("the wa-moderator process", () => {
  let dir: string;
  let slack: FakeSlackApi;
  beforeAll(async () => {
    // What `npm ci` does through the prepare script. A type error elsewhere in src still emits JavaScript; it is
    // the type check's to report, so only a build that leaves no entry point fails here.
    const build = spawnSync(
      process.execPath,
      [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
      {
        cwd: ROOT,
        encoding: "utf8",
      },
    );
    await stat(ENTRY).catch(() => {
      throw new Error(`npm run build left no ${ENTRY}:\n${build.stdout}${build.stderr}`);
    });
    dir = await mkdtemp(join(tmpdir(), "wam-process-"));
    slack = await startFakeSlackApi();
  }, 120_000);
  afterAll(async () => {
    await slack?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  const slackEnv = () => ({
    SLACK_BOT_TOKEN: "xoxb-process-test",
    SLACK_SIGNING_SECRET: "process-test-secret",
    SLACK_API_URL: slack.url,
    PORT: "0",
  });

  it("starts as the container's CMD does (its node flags), on its defaults with the sandbox, says so loudly, is healthy, and stops cleanly on SIGTERM", async () => {
    const started = runBot(slackEnv(), dir);
    const [, port] = await waitForOutput(started, /wa-moderator ready on port (\d+)/);
    expect(started.output()).toContain("USING THE BUILT-IN WHATSAPP SANDBOX");
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });

    const stopped = await stopWith(started, "SIGTERM");
    expect(stopped.code).toBe(0);
    expect(stopped.ms).toBeLessThan(STOP_WITHIN_MS);
    expect(started.output()).toContain("SIGTERM received");
    // The default store was created where the README says.
    await expect(stat(join(dir, "data/wa-moderator.sqlite"))).resolves.toBeDefined();
    // No secret reaches the log.
    expect(started.output()).not.toContain("process-test-secret");
    expect(started.output()).not.toContain("xoxb-process-test");
  });

  it("`npm start`, as the README runs it: a SIGTERM to npm reaches the bot, which stops cleanly and frees its port", async () => {
    const started = run(
      "npm",
      ["start", "--silent"],
      {
        ...slackEnv(),
        HOME: process.env.HOME ?? dir,
        STORE_URL: `sqlite://${join(dir, "npm-start.sqlite")}`,
      },
      ROOT,
    );
    const [, port] = await waitForOutput(started, /wa-moderator ready on port (\d+)/);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    // A supervisor signals the process it started: npm, which hands the signal to the bot (`exec node …`).
    const stopped = await stopWith(started, "SIGTERM");
    expect(started.output()).toContain("SIGTERM received");
    expect(stopped.code).toBe(0);
    expect(stopped.ms).toBeLessThan(STOP_WITHIN_MS);
    // Nobody is left behind listening: the bot itself has exited, not only npm.
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it("stops cleanly on a SIGTERM that arrives during start-up, once started", async () => {
    const started = runBot({ ...slackEnv(), STORE_URL: `sqlite://${join(dir, "early-stop.sqlite")}` }, dir);
    // The moment the store is open, the rest of start-up (WhatsApp, Slack, the port) is still to come.
    const signalled = new Promise<void>((resolve) => {
      const watch = () => {
        if (!started.output().includes("store ready")) return;
        started.child.kill("SIGTERM");
        started.child.stdout?.off("data", watch);
        started.child.stderr?.off("data", watch);
        resolve();
      };
      started.child.stdout?.on("data", watch);
      started.child.stderr?.on("data", watch);
    });
    await signalled;
    expect(await started.exited).toBe(0);
    const output = started.output();
    expect(output).toContain("SIGTERM received");
    expect(output.indexOf("SIGTERM received")).toBeLessThan(output.indexOf("wa-moderator ready on port"));
    expect(output).toContain("Slack app stopped");
  });

  it("refuses to start on a bad configuration, listing every problem, with no stack trace", async () => {
    const started = runBot({ WA_BACKEND: "carrier-pigeon", PORT: "not-a-port", LOG_LEVEL: "loud" }, dir);
    expect(await started.exited).toBe(1);
    const output = started.output();
    expect(output).toContain("WA_BACKEND");
    expect(output).toContain("PORT");
    expect(output).toContain("LOG_LEVEL");
    expect(output).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});
