/**
 * `wa-moderator blocklist import` of 2,000 rows, run as an operator runs it (bin/wa-moderator.js in a child
 * process, a SQLite store in a temporary folder) against the On-Premises sandbox in this process, limited to the
 * server's 20 requests/s with bursts of 60. The import should go at that pace (docs/CONTRACT.md §8, §10): at least
 * 0.9 × 20 rows/s over the whole run, start-up included, with no 429 caused by its own speed. The last line is the
 * verdict; the exit code is 1 when either figure misses. Run with `npx tsx bench/cli-import.ts`.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { type SandboxCall, startSandbox } from "../src/sandbox/index.js";

const ROWS = 2_000;
const LIMIT = { perSecond: 20, burst: 60 };
const TARGET_RATIO = 0.9;
const BIN = fileURLToPath(new URL("../bin/wa-moderator.js", import.meta.url));

/** 2,000 users who all wrote in the last hour, so every block is allowed. */
const waIds = Array.from({ length: ROWS }, (_, index) => `1631556${String(index).padStart(4, "0")}`);

function runCli(args: string[], env: Record<string, string>, cwd: string): Promise<number | null> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ["ignore", "ignore", "pipe"] });
  let lastLine = "";
  child.stderr.on("data", (chunk: Buffer) => {
    lastLine = chunk.toString().trim().split("\n").at(-1) ?? lastLine;
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (status) => {
      if (status !== 0) console.error(`the import exited ${status}: ${lastLine}`);
      resolve(status);
    });
  });
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({
    rateLimit: LIMIT,
    seed: {
      businessNumber: "+16315550100",
      users: waIds.map((wa_id) => ({ wa_id })),
      engaged: waIds.map((wa_id) => ({ wa_id })),
      blocklist: [],
    },
  });
  // The sandbox keeps only its latest calls: these are all of them (each gets its status when answered).
  const calls: SandboxCall[] = [];
  const push = sandbox.state.calls.push.bind(sandbox.state.calls);
  sandbox.state.calls.push = (...items) => {
    calls.push(...items);
    return push(...items);
  };
  const folder = mkdtempSync(join(tmpdir(), "wa-cli-bench-"));
  try {
    const file = join(folder, "import.csv");
    writeFileSync(file, `number,reason\n${waIds.map((waId) => `+${waId},bench`).join("\n")}\n`);
    const env = {
      PATH: process.env.PATH ?? "",
      HOME: folder,
      WA_BACKEND: "onprem",
      WA_API_URL: sandbox.url,
      WA_USERNAME: sandbox.username,
      WA_PASSWORD: sandbox.password,
      WA_DEFAULT_COUNTRY: "US",
      STORE_URL: `sqlite://${join(folder, "store.sqlite")}`,
    };
    console.log(
      `cli-import: ${ROWS} rows through bin/wa-moderator.js, sandbox limited to ${LIMIT.perSecond} requests/s ` +
        `(bursts of ${LIMIT.burst})`,
    );
    const started = performance.now();
    const status = await runCli(["blocklist", "import", file], env, folder);
    const seconds = (performance.now() - started) / 1000;

    const blocked = sandbox.state.blocklist.length;
    const tooMany = calls.filter((call) => call.status === 429).length;
    const rate = blocked / seconds;
    const ratio = rate / LIMIT.perSecond;
    console.log(
      `blocked ${blocked} of ${ROWS} in ${seconds.toFixed(1)} s (start-up included), exit ${status}`,
    );
    console.log(`upstream calls ${calls.length}, of which HTTP 429: ${tooMany}`);
    const verdict = ratio >= TARGET_RATIO && tooMany === 0 && blocked === ROWS && status === 0;
    console.log(
      `import rate ${rate.toFixed(1)} rows/s of ${LIMIT.perSecond} allowed: ratio ${ratio.toFixed(2)} ` +
        `(target >= ${TARGET_RATIO}), 429s ${tooMany} (target 0): ${verdict ? "ok" : "MISSED"}`,
    );
    if (!verdict) process.exitCode = 1;
  } finally {
    await sandbox.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
