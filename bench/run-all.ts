/**
 * `npm run bench`: every ratio benchmark, one after another, each in its own process so that none warms up or
 * slows down another. Prints each benchmark's output, then a summary of their last lines (the ratios).
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const BENCHMARKS = [
  "client-throughput.ts",
  "moderation-cache.ts",
  "slack-ack-latency.ts",
  "webhook-burst.ts",
];
const TSX_CLI = join(import.meta.dirname, "../node_modules/tsx/dist/cli.mjs");

const summary: string[] = [];
let failed = false;
for (const name of BENCHMARKS) {
  console.log(`\n== ${name}`);
  const run = spawnSync(process.execPath, [TSX_CLI, join(import.meta.dirname, name)], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  process.stdout.write(run.stdout);
  const last = run.stdout.trim().split("\n").at(-1) ?? "(no output)";
  summary.push(`${name}: ${last}${run.status === 0 ? "" : ` [exit ${run.status}]`}`);
  failed ||= run.status !== 0;
}
console.log(`\n== summary\n${summary.join("\n")}`);
process.exitCode = failed ? 1 : 0;
