import { monitorEventLoopDelay } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { createTokenBucket, type RateLimit } from "../../../src/sandbox/rate-limit.js";
import { WhatsAppBusyError } from "../../../src/whatsapp/errors.js";
import { Cancellation } from "../../../src/whatsapp/http/cancellation.js";
import { Operation } from "../../../src/whatsapp/http/deadline.js";
import { createRateLimiter } from "../../../src/whatsapp/onprem/rate-limiter.js";
import { createSharedRateLimiter } from "../../../src/whatsapp/onprem/shared-rate-limiter.js";
import { captureLogger } from "../../support/capture-logger.js";
import { replicaStores } from "../../support/replica-stores.js";
import { STORE_TARGETS } from "../../support/store-targets.js";

const PER_SECOND = 50;
const REPLICAS = 2;
const TAKES_PER_REPLICA = 40;
// Overload: three times the limit offered, open loop, for several times each call's (short) deadline.
const OFFERED_PER_SECOND = 3 * PER_SECOND;
const OVERLOAD_MS = 3_000;
const BUDGET_MS = 500;
/** How long a caller may wait for its turn: the rest of its budget is for the request itself. */
const MAX_WAIT_MS = BUDGET_MS - 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How late this process's timers fire at worst (a busy machine, or another test file on the other core, stalls
 * them), which no limiter can make up for: `stop()` gives the longest stall in ms.
 */
function lateTimers(): { stop(): number } {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  return {
    stop: () => {
      delay.disable();
      return delay.max / 1e6;
    },
  };
}

/** How many of the requests sent at `times` (ms, sorted) a server's token bucket would refuse. */
function refusedBy(limit: RateLimit, times: number[]): number {
  let at = times[0] ?? 0;
  const take = createTokenBucket(limit, () => at);
  let refused = 0;
  for (const time of times) {
    at = time;
    if (take() !== undefined) refused += 1;
  }
  return refused;
}

for (const target of STORE_TARGETS) {
  describe.skipIf(!target.available)(
    `the contacts rate limit shared through the ${target.name} store${target.skipReason}`,
    () => {
      const openStores = replicaStores();
      /** One limiter per replica, each on its own connection to the store, connected before the clock starts. */
      const replicaLimiters = async () =>
        (await openStores(target, REPLICAS)).map((store) =>
          createSharedRateLimiter({
            perSecond: PER_SECOND,
            claim: (key, ttlMs) => store.atomic.claim("limits", key, ttlMs),
            fallback: createRateLimiter({ perSecond: PER_SECOND, burst: 1 }),
            logger: captureLogger(),
          }),
        );

      it("holds for replicas together, queueing every caller instead of refusing one, at near the full rate", async () => {
        const limiters = await replicaLimiters();

        const lateness = lateTimers();
        const started = performance.now();
        const released: number[] = [];
        const cancellation = new Cancellation();
        await Promise.all(
          limiters.flatMap((limiter) =>
            Array.from({ length: TAKES_PER_REPLICA }, async () => {
              await limiter.take(cancellation);
              released.push(performance.now());
            }),
          ),
        );
        const elapsedS = (performance.now() - started) / 1000;
        const lateS = lateness.stop() / 1000;
        released.sort((a, b) => a - b);

        const total = REPLICAS * TAKES_PER_REPLICA;
        expect(released).toHaveLength(total);
        // A server allowing the rate refuses none. Its burst of 5 is for timers that fire a little late; a longer
        // stall of this process holds back releases the limiter spaced out and lets them go together, which counts
        // as a burst of up to the rate times the stall...
        const bunched = Math.ceil(lateS * PER_SECOND);
        expect(refusedBy({ perSecond: PER_SECOND, burst: 5 + bunched }, released)).toBe(0);
        // ...and at no less than 90 % of it overall, not counting the longest stall of this process's timers.
        expect(total / (elapsedS - lateS)).toBeGreaterThanOrEqual(0.9 * PER_SECOND);
      });

      it("under three times the limit for longer than a call's deadline, keeps granting at the limit, each within its deadline, and refuses the rest at once", async () => {
        const limiters = await replicaLimiters();
        const granted: Array<{ arrived: number; at: number }> = [];
        const refused: Array<{ error: unknown; afterMs: number }> = [];
        const call = async (index: number): Promise<void> => {
          const operation = new Operation(BUDGET_MS);
          const arrived = performance.now();
          try {
            await limiters[index % REPLICAS]?.take(operation, MAX_WAIT_MS);
            granted.push({ arrived, at: performance.now() });
          } catch (error) {
            refused.push({ error, afterMs: performance.now() - arrived });
          } finally {
            operation.dispose();
          }
        };

        const lateness = lateTimers();
        const started = performance.now();
        const calls: Promise<void>[] = [];
        for (let index = 0; index < (OFFERED_PER_SECOND * OVERLOAD_MS) / 1000; index += 1) {
          const due = started + (index * 1000) / OFFERED_PER_SECOND - performance.now();
          if (due > 0) await sleep(due);
          calls.push(call(index));
        }
        await Promise.all(calls);
        const lateMs = lateness.stop();

        // Once the first deadlines have passed, calls still go at (nearly) the full limit...
        const windowStart = started + BUDGET_MS;
        const windowEnd = started + OVERLOAD_MS;
        const inWindow = granted.filter(({ at }) => at >= windowStart && at < windowEnd).length;
        expect(inWindow).toBeGreaterThanOrEqual(
          (0.9 * PER_SECOND * (windowEnd - windowStart - lateMs)) / 1000,
        );
        // ...each within its deadline, and never faster than the server takes them (give or take late timers).
        for (const { arrived, at } of granted) expect(at - arrived).toBeLessThanOrEqual(BUDGET_MS + lateMs);
        expect(
          refusedBy(
            { perSecond: PER_SECOND, burst: 5 + Math.ceil((lateMs * PER_SECOND) / 1000) },
            granted.map(({ at }) => at).sort((a, b) => a - b),
          ),
        ).toBe(0);
        // The rest are told at once that nothing was sent, rather than waiting out their deadline (which only a
        // machine stalled for the whole of a call's budget can make one of them do).
        expect(refused.length).toBeGreaterThan(0);
        for (const { error } of refused) expect(error).toBeInstanceOf(WhatsAppBusyError);
        const unsent = refused.filter(({ error }) => (error as WhatsAppBusyError).neverSent).length;
        expect(unsent).toBeGreaterThanOrEqual(0.9 * refused.length);
        const refusalMs = refused.map(({ afterMs }) => afterMs).sort((a, b) => a - b);
        expect(refusalMs[Math.floor(refusalMs.length / 2)]).toBeLessThan(250);
      });
    },
  );
}

describe("the shared rate limit when the store does not answer", () => {
  it("paces this process with its own limiter, says so once in the log, and uses the store again later", async () => {
    const logger = captureLogger();
    let storeUp = false;
    let claims = 0;
    const limiter = createSharedRateLimiter({
      perSecond: 20,
      claim: async () => {
        claims += 1;
        if (!storeUp) throw new Error("connect ECONNREFUSED 127.0.0.1:6379");
        return true;
      },
      fallback: createRateLimiter({ perSecond: 20, burst: 1 }),
      logger,
      storeRetryMs: 300,
    });
    const cancellation = new Cancellation();

    const started = performance.now();
    for (let index = 0; index < 5; index += 1) await limiter.take(cancellation);
    // The fallback spaces five calls 50 ms apart, and the store is asked once, not per call.
    expect(performance.now() - started).toBeGreaterThanOrEqual(4 * 50 - 5);
    expect(claims).toBe(1);
    expect(logger.lines.filter((line) => line.includes("shared rate limit is not in reach"))).toHaveLength(1);

    storeUp = true;
    await new Promise((resolve) => setTimeout(resolve, 300));
    await limiter.take(cancellation);
    expect(claims).toBe(2);
    expect(logger.lines.some((line) => line.includes("shared rate limit is back in reach"))).toBe(true);
  });

  it("ends a caller's wait when its operation is cancelled", async () => {
    const limiter = createSharedRateLimiter({
      perSecond: 1,
      claim: async () => true,
      fallback: createRateLimiter({ perSecond: 1, burst: 1 }),
      logger: captureLogger(),
    });
    const cancellation = new Cancellation();
    await limiter.take(cancellation);
    const waiting = (limiter.take(cancellation) ?? Promise.resolve()).catch((caught: unknown) => caught);
    const started = performance.now();
    cancellation.abort(new Error("deadline"));
    expect(await waiting).toMatchObject({ message: "deadline" });
    expect(performance.now() - started).toBeLessThan(250);
  });
});
