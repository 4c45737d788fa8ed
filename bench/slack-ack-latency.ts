import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { productionNodeFlags } from "../test/support/production-node-flags.js";
import { median, percentile, roundRatios } from "./median.js";
import {
  type AckServer,
  BENCH_MODERATOR,
  BENCH_SIGNING_SECRET,
  startAckServer,
} from "./support/ack-servers.js";
import { startSlackSide } from "./support/slack-side-process.js";

/**
 * How long Slack waits for the acknowledgement of `/wa-check +16315551001` (a cached check: after the ack the app
 * reads the store, renders the row and posts it to the response_url), against a bare Bolt App on an HTTPReceiver
 * with the same Bolt version and signing secret whose `/wa-check` only acks, at the SAME offered loads.
 *
 * Open loop, as Slack sends: at each rate, command i is due at start + i / rate and is sent then whatever is still
 * in flight; its latency runs from when it was due until its acknowledgement was read, so time spent queued behind
 * earlier commands counts (no coordinated omission). Each app runs alone in its own process (support/ack-server.ts);
 * Both run on the node flags of production (the Dockerfile's CMD). Slack is two more processes
 * (support/slack-side.ts): the sender, and the fake Web API that takes the app's response_url posts, apart as
 * Slack's own servers are, so that taking the app's answers does not delay the sender's reading of acknowledgements
 * (which would count against the app alone: the bare app posts nothing). Rounds alternate (ABBA) after a warm-up at the same rate; after each round of the app,
 * all its answers are delivered before the next round starts, so neither side pays for the other's leftovers.
 * The CPU each command cost each server (the app's until its answer was posted) is printed beside the latencies.
 *
 * Goal: the app's ack p99 at most 1.2 × the bare app's, at 200/s and at 500/s, with none of its commands turned away
 * as busy (such an ack comes at once, and nothing is done); the exit code is 1 otherwise.
 * Beside it, not judged: the same for `/wa-check help`, which the app answers in the ack itself with no work after
 * it, so that the acknowledgement path alone (request checks, Bolt, middleware, parsing, rendering) is told apart
 * from the check's own work, which runs on the same event loop as later commands' acknowledgements.
 *
 *   npx tsx bench/slack-ack-latency.ts
 *   BENCH_CPU_PROF=/tmp/prof npx tsx bench/slack-ack-latency.ts   # also writes both servers' .cpuprofile
 */

const NUMBER = "+16315551001";
const RATES = [200, 500] as const;
const ROUND_SECONDS = 4;
const ROUNDS = 6;
const WARM_UP_SECONDS = 2;
const TARGET_P99_RATIO = 1.2;
const SETTLE_TIMEOUT_MS = 30_000;

type Side = "app" | "bare";

const dir = await mkdtemp(join(tmpdir(), "wam-bench-ack-"));
const slack = await startSlackSide();
const webApi = await startSlackSide();
const profileDir = process.env.BENCH_CPU_PROF;
// Both sides on production's node flags; one profile per thread (the main one, and tsx's loader thread), named
// by node with the process id.
const nodeOptions = (side: Side) => [
  ...productionNodeFlags(),
  ...(profileDir ? ["--cpu-prof", "--cpu-prof-dir", join(profileDir, side)] : []),
];
const servers: Record<Side, AckServer> = {
  app: await startAckServer("app", webApi.apiUrl, dir, nodeOptions("app")),
  bare: await startAckServer("bare", webApi.apiUrl, dir, nodeOptions("bare")),
};
/** A command, and whether the app answers it through the response_url after the ack (else in the ack). */
interface Variant {
  text: string;
  answered: boolean;
}
const CHECK: Variant = { text: NUMBER, answered: true };
const HELP: Variant = { text: "help", answered: false };
const commandOf = (variant: Variant) => ({
  text: variant.text,
  userId: BENCH_MODERATOR,
  signingSecret: BENCH_SIGNING_SECRET,
});
let sentToApp = 0;

/**
 * Waits until every app command so far has posted its answer, so none of that work spills into a bare round; a
 * command the app turned away as busy has none to wait for.
 */
async function settleApp(): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  while ((await webApi.responses()) < sentToApp) {
    if (Date.now() > deadline) throw new Error(`the app did not answer ${sentToApp} commands in time`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

interface Tally {
  acks: number[];
  /** Each measured round's own p99, in the order run, for the spread line. */
  roundP99s: number[];
  cpuMicros: number;
  maxSendLagMs: number;
  /** Commands the app turned away as busy: acknowledged at once with nothing done, so not a served command. */
  turnedAway: number;
}

async function round(
  side: Side,
  variant: Variant,
  rate: number,
  seconds: number,
  tally?: Tally,
): Promise<void> {
  const count = Math.round(rate * seconds);
  const cpuBefore = await servers[side].cpuMicros();
  const run = await slack.openLoop(servers[side].url, count, rate, commandOf(variant), webApi.apiUrl);
  if (side === "app" && variant.answered) {
    sentToApp += count - run.turnedAway;
    await settleApp();
  }
  const cpu = (await servers[side].cpuMicros()) - cpuBefore;
  if (tally === undefined) return;
  tally.acks.push(...run.acks);
  tally.roundP99s.push(percentile(run.acks, 0.99));
  tally.cpuMicros += cpu;
  tally.maxSendLagMs = Math.max(tally.maxSendLagMs, run.maxSendLagMs);
  tally.turnedAway += run.turnedAway;
}

const ms = (values: number[], fraction: number) => percentile(values, fraction).toFixed(2);

function line(side: Side, tally: Tally): string {
  const count = tally.acks.length;
  return (
    `  ${side}: ack p50 ${ms(tally.acks, 0.5)} ms, p99 ${ms(tally.acks, 0.99)} ms, max ` +
    `${ms(tally.acks, 1)} ms over ${count} commands; ${Math.round(tally.cpuMicros / count)} µs CPU each; ` +
    `sender at most ${tally.maxSendLagMs.toFixed(1)} ms late; ${tally.turnedAway} turned away as busy`
  );
}

/** The pooled p99 ratio at `rate`, and how many of the app's measured commands it turned away as busy. */
async function measure(variant: Variant, rate: number): Promise<{ ratio: number; turnedAway: number }> {
  for (const side of ["app", "bare"] as const) await round(side, variant, rate, WARM_UP_SECONDS);
  const tallies: Record<Side, Tally> = {
    app: { acks: [], roundP99s: [], cpuMicros: 0, maxSendLagMs: 0, turnedAway: 0 },
    bare: { acks: [], roundP99s: [], cpuMicros: 0, maxSendLagMs: 0, turnedAway: 0 },
  };
  for (let index = 0; index < ROUNDS; index += 1) {
    const order: Side[] = index % 2 === 0 ? ["app", "bare"] : ["bare", "app"];
    for (const side of order) await round(side, variant, rate, ROUND_SECONDS, tallies[side]);
  }
  const ratio = percentile(tallies.app.acks, 0.99) / percentile(tallies.bare.acks, 0.99);
  const cpuRatio = tallies.app.cpuMicros / tallies.bare.cpuMicros;
  console.log(`/wa-check ${variant.text}, ${rate} commands/s offered to each, open loop:`);
  console.log(line("app", tallies.app));
  console.log(line("bare", tallies.bare));
  // Each round of the app against the bare round run beside it (ABBA): how far apart single rounds land says how
  // much of the pooled figure is the machine's noise. Printed only; the pooled p99 above is what is judged.
  const ratiosByRound = roundRatios(tallies.app.roundP99s, tallies.bare.roundP99s);
  console.log(
    `  p99 ratio app/bare: ${ratio.toFixed(2)} (target <= ${TARGET_P99_RATIO}); CPU ratio ${cpuRatio.toFixed(2)}`,
  );
  console.log(
    `  round by round (not judged): ${ratiosByRound.map((value) => value.toFixed(2)).join(", ")}; ` +
      `median ${median(ratiosByRound).toFixed(2)}`,
  );
  return { ratio, turnedAway: tallies.app.turnedAway };
}

console.log(
  `acknowledgement latency from each command's due time; ${ROUNDS} rounds of ${ROUND_SECONDS} s per side and ` +
    `rate (ABBA), after ${WARM_UP_SECONDS} s of warm-up`,
);
// The first check asks the sandbox; every later one is answered from the cache.
await round("app", CHECK, 1, 1);
const checks: Array<{ ratio: number; turnedAway: number }> = [];
for (const rate of RATES) checks.push(await measure(CHECK, rate));
const helpRatios: number[] = [];
for (const rate of RATES) helpRatios.push((await measure(HELP, rate)).ratio);

await Promise.all([servers.app.stop(), servers.bare.stop()]);
await Promise.all([slack.close(), webApi.close()]);
await rm(dir, { recursive: true, force: true });
// A command turned away as busy is acknowledged at once with nothing done: its fast ack is no served command, so
// the goal is met only when the app served them all.
const turnedAway = checks.reduce((sum, check) => sum + check.turnedAway, 0);
const met = turnedAway === 0 && checks.every((check) => check.ratio <= TARGET_P99_RATIO);
console.log(
  `not judged, /wa-check help (the acknowledgement path alone): p99 ratio app/bare ` +
    `${RATES.map((rate, index) => `${helpRatios[index]?.toFixed(2)} at ${rate}/s`).join(", ")}`,
);
console.log(
  `/wa-check ${NUMBER}: p99 ratio app/bare: ${RATES.map((rate, index) => `${checks[index]?.ratio.toFixed(2)} at ${rate}/s`).join(", ")}, ` +
    `${turnedAway} turned away as busy (target <= ${TARGET_P99_RATIO} at each, none turned away): ${met ? "met" : "NOT met"}`,
);
process.exitCode = met ? 0 : 1;
