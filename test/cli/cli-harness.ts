import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CloudSandboxHandle, SandboxCall, SandboxHandle, SandboxSeed } from "../../src/sandbox/index.js";

/**
 * The operator CLI as an operator runs it: `bin/wa-moderator.js` in a child process, in a folder of its own (no
 * stray .env), with only the environment a test gives it, against a sandbox this test process serves, and a
 * SQLite store in a temporary folder that every run of one test file shares.
 */

export const BIN = fileURLToPath(new URL("../../bin/wa-moderator.js", import.meta.url));
export const ACTOR = `cli:${userInfo().username}`;

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface CliWorld {
  folder: string;
  env: Record<string, string>;
  run(args: string[], extraEnv?: Record<string, string>): Promise<CliRun>;
  /** Starts the CLI and leaves it running: for Ctrl-C tests. */
  start(args: string[]): ChildProcess & { done: Promise<CliRun> };
  /** Writes a file in the world's folder; returns its path. */
  file(name: string, content: string): string;
  dispose(): void;
}

export function onPremEnv(sandbox: SandboxHandle): Record<string, string> {
  return {
    WA_BACKEND: "onprem",
    WA_API_URL: sandbox.url,
    WA_USERNAME: sandbox.username,
    WA_PASSWORD: sandbox.password,
    WA_DEFAULT_COUNTRY: "US",
  };
}

export function cloudEnv(sandbox: CloudSandboxHandle): Record<string, string> {
  return {
    WA_BACKEND: "cloud",
    WA_GRAPH_URL: sandbox.graphUrl,
    WA_PHONE_NUMBER_ID: sandbox.phoneNumberId,
    WA_TOKEN: sandbox.token,
    WA_DEFAULT_COUNTRY: "US",
  };
}

/** `bin`: another copy of the entry (the compiled CLI's test lays out a production image). */
export function cliWorld(backendEnv: Record<string, string>, bin = BIN): CliWorld {
  const folder = mkdtempSync(join(tmpdir(), "wa-cli-"));
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: folder,
    ...backendEnv,
    STORE_URL: `sqlite://${join(folder, "store.sqlite")}`,
  };
  const start = (args: string[], extraEnv: Record<string, string> = {}) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: folder, env: { ...env, ...extraEnv } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const done = new Promise<CliRun>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", (status) => resolve({ status, stdout, stderr }));
    });
    return Object.assign(child, { done });
  };
  return {
    folder,
    env,
    run: (args, extraEnv) => start(args, extraEnv).done,
    start: (args) => start(args),
    file(name, content) {
      const path = join(folder, name);
      writeFileSync(path, content);
      return path;
    },
    dispose: () => rmSync(folder, { recursive: true, force: true }),
  };
}

/** `count` WhatsApp users from `first` on (wa_ids 1631555xxxx), for seeds. */
export function waIds(first: number, count: number): string[] {
  return Array.from({ length: count }, (_, index) => `1631555${String(first + index).padStart(4, "0")}`);
}

/** A business with `engaged` users who wrote half an hour ago and `blocked` users already blocked. */
export function seed(engaged: string[], blocked: string[]): SandboxSeed {
  return {
    businessNumber: "+16315550100",
    users: [...engaged, ...blocked].map((wa_id) => ({ wa_id })),
    engaged: engaged.map((wa_id) => ({ wa_id })),
    blocklist: blocked,
  };
}

/** Calls `hook` with each API call as the sandbox records it (before it answers). */
export function onCall(
  sandbox: { state: { calls: SandboxCall[] } },
  hook: (call: SandboxCall) => void,
): void {
  const calls = sandbox.state.calls;
  const push = calls.push.bind(calls);
  calls.push = (...items: SandboxCall[]) => {
    for (const item of items) hook(item);
    return push(...items);
  };
}

/** How many calls the sandbox answered 200 to, by method and path. */
export function okCalls(
  sandbox: { state: { calls: SandboxCall[] } },
  method: string,
  pattern: RegExp,
): number {
  return sandbox.state.calls.filter(
    (call) => call.method === method && pattern.test(call.path) && call.status === 200,
  ).length;
}

/** Parses CSV without quoted commas (what the exports hold here): header names → row objects. */
export function csvRows(text: string): Array<Record<string, string>> {
  const [header, ...lines] = text.trim().split("\n");
  const names = (header ?? "").split(",");
  return lines.map((line) =>
    Object.fromEntries(line.split(",").map((value, index) => [names[index], value])),
  );
}

/** Resolves once `child` has written a line to stderr that `match` accepts. */
export function stderrLine(child: ChildProcess, match: (line: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = "";
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      const found = lines.find(match);
      if (found !== undefined) {
        child.stderr?.off("data", onData);
        resolve(found);
      }
    };
    child.stderr?.on("data", onData);
    child.once("close", () => reject(new Error("the CLI ended before the expected line")));
  });
}

/** Runs the CLI for each argument list, two at a time (a CLI start costs a second of CPU). */
export async function runAll(world: CliWorld, argLists: string[][]): Promise<CliRun[]> {
  const runs: CliRun[] = new Array(argLists.length);
  let next = 0;
  const worker = async () => {
    while (next < argLists.length) {
      const index = next++;
      runs[index] = await world.run(argLists[index] ?? []);
    }
  };
  await Promise.all([worker(), worker()]);
  return runs;
}
