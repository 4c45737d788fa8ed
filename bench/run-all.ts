/**
 * `npm run bench`: every benchmark, one after another, each in its own process so that none warms up or slows
 * down another. Prints each benchmark's output, then a summary of their last lines (the verdicts), with the
 * machine's load average before each, since every figure here is taken on a machine that may be shared.
 */
import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { join } from "node:path";

const BENCHMARKS = [
  "slack-ack-latency.ts",
  "moderation-cache.ts",
  "startup-memory.ts",
  "client-at-ceiling.ts",
  "client-throughput.ts",
  "webhook-burst.ts",
  "cli-import.ts",
];
const TSX_CLI = join(import.meta.dirname, "../node_modules/tsx/dist/cli.mjs");
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");

const summary: string[] = [];
let failed = false;
for (const name of BENCHMARKS) {
  const before = load();
  console.log(`\n== ${name} (load average ${before})`);
  const run = spawnSync(process.execPath, [TSX_CLI, join(import.meta.dirname, name)], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  process.stdout.write(run.stdout);
  const last = run.stdout.trim().split("\n").at(-1) ?? "(no output)";
  summary.push(`${name}: ${last}${run.status === 0 ? "" : ` [exit ${run.status}]`} (load before: ${before})`);
  failed ||= run.status !== 0;
}
console.log(`\n== summary (${process.version}, load average now ${load()})\n${summary.join("\n")}`);
process.exitCode = failed ? 1 : 0;
