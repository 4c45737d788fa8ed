import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeSlackApi, startFakeSlackApi } from "../support/fake-slack-api.js";

/** `npm start` as an operator runs it: the real entry point in its own process, stopped by a signal. */

const ROOT = join(import.meta.dirname, "../..");
const ENTRY = join(ROOT, "src/main.ts");
// What `npm start` runs: tsx's CLI, which relays signals to the app's process.
const TSX_CLI = join(ROOT, "node_modules/tsx/dist/cli.mjs");

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function run(env: Record<string, string>, cwd: string): Started {
  const child = spawn(process.execPath, [TSX_CLI, ENTRY], {
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

describe("the wa-moderator process", () => {
  let dir: string;
  let slack: FakeSlackApi;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "wam-process-"));
    slack = await startFakeSlackApi();
  });
  afterAll(async () => {
    await slack.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("starts on its defaults with the sandbox, says so loudly, is healthy, and stops cleanly on SIGTERM", async () => {
    const started = run(
      {
        SLACK_BOT_TOKEN: "xoxb-process-test",
        SLACK_SIGNING_SECRET: "process-test-secret",
        SLACK_API_URL: slack.url,
        PORT: "0",
      },
      dir,
    );
    const [, port] = await waitForOutput(started, /wa-moderator ready on port (\d+)/);
    expect(started.output()).toContain("USING THE BUILT-IN WHATSAPP SANDBOX");
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });

    started.child.kill("SIGTERM");
    expect(await started.exited).toBe(0);
    expect(started.output()).toContain("SIGTERM received");
    // The default store was created where the README says.
    await expect(
      import("node:fs/promises").then((fs) => fs.stat(join(dir, "data/wa-moderator.sqlite"))),
    ).resolves.toBeDefined();
    // No secret reaches the log.
    expect(started.output()).not.toContain("process-test-secret");
    expect(started.output()).not.toContain("xoxb-process-test");
  });

  it("refuses to start without configuration, listing every problem, with no stack trace", async () => {
    const started = run({ WA_BACKEND: "carrier-pigeon" }, dir);
    expect(await started.exited).toBe(1);
    const output = started.output();
    expect(output).toContain("SLACK_BOT_TOKEN");
    expect(output).toContain("SLACK_SIGNING_SECRET");
    expect(output).toContain("WA_BACKEND");
    expect(output).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});
