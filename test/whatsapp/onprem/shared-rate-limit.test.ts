import { describe, expect, it } from "vitest";
import { createTokenBucket, type RateLimit } from "../../../src/sandbox/rate-limit.js";
import { Cancellation } from "../../../src/whatsapp/http/cancellation.js";
import { createRateLimiter } from "../../../src/whatsapp/onprem/rate-limiter.js";
import { createSharedRateLimiter } from "../../../src/whatsapp/onprem/shared-rate-limiter.js";
import { captureLogger } from "../../support/capture-logger.js";
import { replicaStores } from "../../support/replica-stores.js";
import { STORE_TARGETS } from "../../support/store-targets.js";

const PER_SECOND = 50;
const REPLICAS = 2;
const TAKES_PER_REPLICA = 40;

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

      it("holds for replicas together, queueing every caller instead of refusing one, at near the full rate", async () => {
        // Connected before the clock starts, as a running bot's store is.
        const limiters = (await openStores(target, REPLICAS)).map((store) =>
          createSharedRateLimiter({
            perSecond: PER_SECOND,
            claim: (key, ttlMs) => store.atomic.claim("limits", key, ttlMs),
            fallback: createRateLimiter({ perSecond: PER_SECOND, burst: 1 }),
            logger: captureLogger(),
          }),
        );

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
        released.sort((a, b) => a - b);

        const total = REPLICAS * TAKES_PER_REPLICA;
        expect(released).toHaveLength(total);
        // A server allowing the rate, with a burst of 5 for timers that fire late on a busy machine, refuses none...
        expect(refusedBy({ perSecond: PER_SECOND, burst: 5 }, released)).toBe(0);
        // ...and at no less than 90 % of it overall.
        expect(total / elapsedS).toBeGreaterThanOrEqual(0.9 * PER_SECOND);
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
    expect(performance.now() - started).toBeLessThan(100);
  });
});
