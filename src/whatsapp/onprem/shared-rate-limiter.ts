import type { AppLogger } from "../../log/logger.js";
import { type Cancellation, raceCancellation, sleep } from "../http/cancellation.js";
import { createRateLimiter, DEFAULT_RATE_LIMIT, noTurnInTime, type RateLimiter } from "./rate-limiter.js";

/**
 * Takes `key` for `ttlMs` if nobody holds it; true when this caller got it. The store's atomic claim (Redis SET NX
 * PX, an SQL upsert), so at most one replica gets each key.
 */
export type ClaimKey = (key: string, ttlMs: number) => Promise<boolean>;

export interface SharedRateLimitOptions {
  /** Requests per second over every replica together. */
  perSecond: number;
  claim: ClaimKey;
  /** Used while the store does not answer: this process's own limiter, so requests still go out at a pace. */
  fallback: RateLimiter;
  logger: AppLogger;
  /** Wall-clock ms: replicas number slots alike only on clocks that agree (NTP keeps them within milliseconds). */
  now?: () => number;
  /** How long after a store failure this process paces itself before asking the store again. */
  storeRetryMs?: number;
}

// A claimed slot stays claimed this long after its time, so a replica whose clock lags cannot take it again.
const SLOT_KEPT_MS = 60_000;
// After the store fails, this process uses its own limiter for this long before asking the store again, so a
// hung store costs one timeout per interval, not one per request.
const STORE_RETRY_MS = 5_000;

/**
 * The upstream rate limit shared by every replica on one store (docs/CONTRACT.md §8). Time is cut into slots of
 * 1/perSecond s, numbered from the epoch; each request claims a free slot in the store and waits for its start,
 * so requests are one slot apart whichever replica sends them. A request that finds the near slots taken claims
 * a later one and waits longer, but never one that starts after its caller's `maxWaitMs`: that caller is refused
 * at once (`noTurnInTime`) without claiming. A slot claimed for a caller who gives up before it is lost to every
 * replica, so under sustained overload claiming past deadlines would push each later caller's slot past its
 * deadline too, and nothing would be sent; refusing instead keeps the slots in use at the full rate. Each process
 * remembers the first slot it has not seen taken, so its own waiters claim distinct slots and each replica asks
 * about each slot at most once.
 */
export function createSharedRateLimiter(options: SharedRateLimitOptions): RateLimiter {
  if (!(options.perSecond > 0)) throw new RangeError(`perSecond must be > 0, got ${options.perSecond}`);
  const slotMs = 1000 / options.perSecond;
  const now = options.now ?? Date.now;
  const { claim, fallback, logger } = options;
  const storeRetryMs = options.storeRetryMs ?? STORE_RETRY_MS;
  let nextSlot = 0;
  let storeRetryAt = 0;

  /**
   * Claims the first free slot from now on that starts by `latestStart`; resolves with its start (wall-clock ms),
   * or undefined when every slot until then is taken.
   */
  const claimSlot = async (cancellation: Cancellation, latestStart: number): Promise<number | undefined> => {
    for (;;) {
      if (cancellation.aborted) throw cancellation.reason;
      const at = now();
      const slot = Math.max(Math.ceil(at / slotMs), nextSlot);
      const startsAt = slot * slotMs;
      // Not claimed, and not passed over: a waiter that can wait longer may still take it.
      if (startsAt > latestStart) return undefined;
      // Moved on before the claim is answered, so a concurrent waiter of this process tries the next slot.
      nextSlot = slot + 1;
      const claimed = await claim(`contacts:${slot}`, Math.ceil(startsAt - at + SLOT_KEPT_MS));
      // A slot already over when the store answered is let go: sending on it would bunch with the next ones.
      if (claimed && startsAt > now() - slotMs) return startsAt;
    }
  };

  const viaFallback = async (cancellation: Cancellation, maxWaitMs: number): Promise<void> => {
    const waiting = fallback.take(cancellation, maxWaitMs);
    if (waiting !== undefined) await waiting;
  };

  const take = async (cancellation: Cancellation, maxWaitMs = Number.POSITIVE_INFINITY): Promise<void> => {
    if (now() < storeRetryAt) return viaFallback(cancellation, maxWaitMs);
    let startsAt: number | undefined;
    try {
      startsAt = await raceCancellation(claimSlot(cancellation, now() + maxWaitMs), cancellation);
    } catch (error) {
      if (cancellation.aborted) throw cancellation.reason;
      if (storeRetryAt === 0) {
        logger.warn("the shared rate limit is not in reach; pacing this process on its own", error);
      }
      storeRetryAt = now() + storeRetryMs;
      return viaFallback(cancellation, maxWaitMs);
    }
    if (storeRetryAt !== 0) {
      logger.info("the shared rate limit is back in reach");
      storeRetryAt = 0;
    }
    if (startsAt === undefined) throw noTurnInTime(options.perSecond);
    const waitMs = startsAt - now();
    if (waitMs > 0) await sleep(waitMs, cancellation);
  };

  return { take };
}

/** The On-Premises contacts limit (20/s) shared through `claim`, falling back to this process's own bucket. */
export function sharedContactsLimiter(claim: ClaimKey, logger: AppLogger): RateLimiter {
  return createSharedRateLimiter({
    perSecond: DEFAULT_RATE_LIMIT.perSecond,
    claim,
    fallback: createRateLimiter(DEFAULT_RATE_LIMIT),
    logger,
  });
}
