/**
 * Checking 1,000 cached numbers through the moderation service, against raw Keyv getMany of the same keys on
 * the same SQLite store, in one process. A check takes at most 20 numbers (the product's anti-bulk rule), so both
 * sides read in batches of 20. The last line is the time ratio service/raw against its target (2.0 or less);
 * the exit code is 1 when it is over the target.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "../src/log/logger.js";
import { MAX_NUMBERS_PER_CHECK } from "../src/moderation/errors.js";
import { createModerationService } from "../src/moderation/index.js";
import { createInboundLog } from "../src/relay/inbound-log.js";
import { startSandbox } from "../src/sandbox/index.js";
import { createStore } from "../src/store/index.js";
import { createDispatcher, createOnPremClient, NO_RETRY_POLICY } from "../src/whatsapp/onprem/index.js";
import { median, timed } from "./median.js";

const NUMBERS = 1000;
const ROUNDS = 15;
const TARGET_RATIO = 2.0;
const moderator = { userId: "UBENCH" };

const dir = await mkdtemp(join(tmpdir(), "wam-bench-"));
const logger = createLogger("error");
const sandbox = await startSandbox({ rateLimit: false, processingRounds: 0 });
const dispatcher = createDispatcher({});
const backend = createOnPremClient({
  baseUrl: sandbox.url,
  dispatcher,
  auth: { username: sandbox.username, password: sandbox.password },
  timeoutMs: 5000,
  retry: NO_RETRY_POLICY,
  rateLimit: false,
  logger,
});
const store = await createStore(`sqlite://${join(dir, "bench.sqlite")}`, { purgeIntervalMs: false, logger });
const service = createModerationService({
  backend,
  store,
  inbound: createInboundLog(store),
  businessCountry: "US",
  isModerator: async () => true,
  dailyBudget: NUMBERS * 2,
  blocklistPageSize: 15,
  logger,
});

const numbers = Array.from({ length: NUMBERS }, (_, index) => `+1631556${String(index).padStart(4, "0")}`);
const batches: string[][] = [];
for (let start = 0; start < NUMBERS; start += MAX_NUMBERS_PER_CHECK) {
  batches.push(numbers.slice(start, start + MAX_NUMBERS_PER_CHECK));
}

// Fill the cache through the service itself, as production would.
for (const batch of batches) await service.check(moderator, { inputs: batch, wait: true });
const checks = store.namespace("checks");

const viaService = () =>
  timed(async () => {
    for (const batch of batches) {
      const report = await service.check(moderator, { inputs: batch });
      if (report.rows.some((row) => !row.cached)) throw new Error("a number was not served from cache");
    }
  });
const viaKeyv = () =>
  timed(async () => {
    for (const batch of batches) {
      const values = await checks.getMany(batch);
      if (values.some((value) => value === undefined)) throw new Error("a key was missing");
    }
  });

await viaService();
await viaKeyv();
const serviceTimes: number[] = [];
const keyvTimes: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  serviceTimes.push(await viaService());
  keyvTimes.push(await viaKeyv());
}

const serviceMs = median(serviceTimes);
const keyvMs = median(keyvTimes);
console.log(`service: ${serviceMs.toFixed(1)} ms per ${NUMBERS} cached numbers (median of ${ROUNDS})`);
console.log(`raw Keyv getMany: ${keyvMs.toFixed(1)} ms per ${NUMBERS} keys (median of ${ROUNDS})`);
const ratio = serviceMs / keyvMs;
console.log(`service/raw time ratio: ${ratio.toFixed(2)} (target <= ${TARGET_RATIO.toFixed(1)})`);
if (ratio > TARGET_RATIO) process.exitCode = 1;

await backend.close();
await dispatcher.close();
await sandbox.close();
await store.close();
await rm(dir, { recursive: true, force: true });
