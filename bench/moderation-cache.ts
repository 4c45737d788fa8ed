/**
 * What the moderation core costs over raw Keyv on the check cache, with numbers no memo has seen. Each round, each
 * side gets 2,000 numbers never used before in this run: 1,000 that are not cached yet and 1,000 cached by another
 * process (written with raw Keyv setMany before the round, untimed), in batches of 20 (the product's per-check
 * limit), on one SQLite file:
 *
 *   core:  service.check of each batch: parse, cache getMany, and for the uncached half the budget counter, the
 *          WhatsApp answer (an in-process backend that answers at once, so no HTTP is timed) and one setMany
 *   raw:   Keyv getMany of each batch, and setMany of the uncached half's answers
 *
 * Rounds alternate (ABBA) after three warm-up rounds. Each round's ratio compares the two sides run back to back,
 * so a shared machine slowing down for a while slows both; the last line is the median of those ratios against the
 * target (2.0 or less), and the exit code is 1 when it is over. Repeats (the cached numbers checked again, which
 * the core's parse memo and warm paths serve) are printed beside it as a separate, labelled figure, not the goal.
 *
 *   npx tsx bench/moderation-cache.ts
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "../src/log/logger.js";
import type { CachedCheck } from "../src/moderation/check-cache.js";
import { MAX_NUMBERS_PER_CHECK } from "../src/moderation/errors.js";
import { createModerationService } from "../src/moderation/index.js";
import { createInboundLog } from "../src/relay/inbound-log.js";
import { createStore } from "../src/store/index.js";
import type { WhatsAppBackend } from "../src/whatsapp/backend.js";
import { median, roundRatios, timed } from "./median.js";
import { freshNumbers } from "./support/fresh-numbers.js";

const NUMBERS = 1000;
const ROUNDS = 15;
// Both sides' code is compiled by V8's optimising tiers only after a few rounds; until then a round measures the JIT.
const WARM_UP_ROUNDS = 3;
const TARGET_RATIO = 2.0;
const moderator = { userId: "UBENCH" };

function batches(numbers: string[]): string[][] {
  const out: string[][] = [];
  for (let start = 0; start < numbers.length; start += MAX_NUMBERS_PER_CHECK) {
    out.push(numbers.slice(start, start + MAX_NUMBERS_PER_CHECK));
  }
  return out;
}

const answer = (e164: string): CachedCheck => ({
  status: "valid",
  waId: e164.slice(1),
  checkedAt: Date.now(),
  statusIsSignal: true,
});

/** WhatsApp answering every number at once, valid, in this process: the round times the cache, not HTTP. */
const instantBackend: WhatsAppBackend = {
  name: "sandbox",
  capabilities: { upstreamCheck: true, upstreamReport: true, blocklistPaging: "offset" },
  apiVersion: () => "bench",
  checkContacts: async (e164s) => ({
    results: e164s.map((input) => ({ input, status: "valid", waId: input.slice(1) })),
    statusIsSignal: true,
  }),
  block: async () => ({ resent: false }),
  unblock: async () => ({ resent: false }),
  report: async () => undefined,
  blocklistPage: async () => ({ contacts: [], total: 0 }),
  ping: async () => undefined,
  close: async () => undefined,
};

const dir = await mkdtemp(join(tmpdir(), "wam-bench-cache-"));
const logger = createLogger("error");
const store = await createStore(`sqlite://${join(dir, "bench.sqlite")}`, { purgeIntervalMs: false, logger });
const service = createModerationService({
  backend: instantBackend,
  store,
  inbound: createInboundLog(store),
  businessCountry: "US",
  isModerator: async () => true,
  dailyBudget: 10_000_000,
  blocklistPageSize: 15,
  logger,
});
const checks = store.namespace<CachedCheck>("checks");

/** Caches `numbers` as another replica would have, outside any timing. */
async function cacheElsewhere(numbers: string[]): Promise<void> {
  await checks.setMany(numbers.map((e164) => ({ key: e164, value: answer(e164), ttl: 7 * 86_400_000 })));
}

interface Work {
  uncached: string[][];
  cached: string[][];
}

async function prepare(): Promise<Work> {
  const uncached = freshNumbers(NUMBERS);
  const cached = freshNumbers(NUMBERS);
  await cacheElsewhere(cached);
  return { uncached: batches(uncached), cached: batches(cached) };
}

async function viaCore(batchesOf: string[][], expectCached: boolean): Promise<void> {
  for (const batch of batchesOf) {
    const report = await service.check(moderator, { inputs: batch });
    if (report.rows.some((row) => row.cached !== expectCached || row.status !== "valid")) {
      throw new Error(`a row was ${expectCached ? "not " : ""}served from cache`);
    }
  }
}

async function viaKeyv(batchesOf: string[][], expectCached: boolean): Promise<void> {
  for (const batch of batchesOf) {
    const values = await checks.getMany(batch);
    if (values.some((value) => (value !== undefined) !== expectCached))
      throw new Error("unexpected cache state");
    if (!expectCached) {
      await checks.setMany(batch.map((e164) => ({ key: e164, value: answer(e164), ttl: 7 * 86_400_000 })));
    }
  }
}

const sides = {
  core: async (work: Work) => {
    await viaCore(work.uncached, false);
    await viaCore(work.cached, true);
  },
  raw: async (work: Work) => {
    await viaKeyv(work.uncached, false);
    await viaKeyv(work.cached, true);
  },
};
type Side = keyof typeof sides;

const times: Record<Side, number[]> = { core: [], raw: [] };
const repeats: Record<Side, number[]> = { core: [], raw: [] };
const kept: Record<Side, Work | undefined> = { core: undefined, raw: undefined };
for (let round = -WARM_UP_ROUNDS; round < ROUNDS; round += 1) {
  const order: Side[] = round % 2 === 0 ? ["core", "raw"] : ["raw", "core"];
  for (const side of order) {
    const work = await prepare();
    const ms = await timed(() => sides[side](work));
    if (round >= 0) times[side].push(ms);
    kept[side] = work;
  }
  // Repeats: the cached half of this round again, now warm in every memo.
  if (round >= 0) {
    for (const side of order) {
      const work = kept[side];
      if (work === undefined) continue;
      repeats[side].push(
        await timed(() => (side === "core" ? viaCore(work.cached, true) : viaKeyv(work.cached, true))),
      );
    }
  }
}

await store.close();
await rm(dir, { recursive: true, force: true });

const coreMs = median(times.core);
const rawMs = median(times.raw);
const ratio = median(roundRatios(times.core, times.raw));
const repeatRatio = median(repeats.core) / median(repeats.raw);
console.log(
  `fresh numbers, per round: ${NUMBERS} uncached + ${NUMBERS} cached elsewhere, batches of ${MAX_NUMBERS_PER_CHECK}, ` +
    `${ROUNDS} rounds (ABBA) on one SQLite file`,
);
console.log(`  core (service.check): ${coreMs.toFixed(1)} ms per round (median)`);
console.log(`  raw Keyv getMany/setMany: ${rawMs.toFixed(1)} ms per round (median)`);
console.log(
  `repeats (not the goal: ${NUMBERS} cached numbers checked again, memo warm): core ` +
    `${median(repeats.core).toFixed(1)} ms, raw getMany ${median(repeats.raw).toFixed(1)} ms, ratio ${repeatRatio.toFixed(2)}`,
);
const met = ratio <= TARGET_RATIO;
console.log(
  `core/raw time ratio, fresh numbers (median of the rounds' ratios): ${ratio.toFixed(2)} (target <= ${TARGET_RATIO.toFixed(1)}): ${met ? "met" : "NOT met"}`,
);
process.exitCode = met ? 0 : 1;
