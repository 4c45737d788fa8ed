import { DAY_MS, utcDay } from "../common/time.js";
import type { AppStore } from "../store/types.js";
import { type Clock, nextUtcMidnight } from "./clock.js";
import { BudgetExhaustedError, BudgetUnavailableError } from "./errors.js";
import type { BudgetState } from "./types.js";

/**
 * Uncached contact look-ups per UTC day, counted in the shared store so that every replica draws on one budget:
 * WhatsApp disables numbers whose contact checks outgrow the messages they send.
 */
export interface CheckBudget {
  /** Takes `count` look-ups from today's budget or throws BudgetExhaustedError, taking nothing. */
  reserve(count: number): Promise<BudgetState>;
  /** Gives back look-ups `reserve` took that never reached WhatsApp; best effort, never throws. */
  release(reserved: BudgetState, count: number): Promise<void>;
}

// Counters outlive their day a little so a reset never races a late increment.
const COUNTER_TTL_MS = 2 * DAY_MS;

const todaysKey = (now: Clock): string => `checks:${utcDay(now())}`;

/** Look-ups still allowed today, read without taking any (the metrics read it when scraped). */
export async function budgetLeft(store: AppStore, limit: number, now: Clock): Promise<number> {
  return Math.max(0, limit - (await store.atomic.read("budget", todaysKey(now))));
}

/**
 * While the store cannot count, each process allows itself this share of the daily budget (docs/CONTRACT.md §6):
 * checks go on through a store outage, and N replicas together spend at most N × 5 % uncounted.
 */
export const PROCESS_SHARE = 0.05;

export function createCheckBudget(store: AppStore, limit: number, now: Clock): CheckBudget {
  const key = () => todaysKey(now);
  const describe = (used: number): BudgetState => ({ used, limit, resetsAt: nextUtcMidnight(now()) });
  const allowance = Math.floor(limit * PROCESS_SHARE);
  // What this process took on its own today; `unsynced` of it is added to the shared count once the store answers.
  let own = { day: "", used: 0, unsynced: 0 };

  const reserveOnOwn = (count: number, cause: unknown): BudgetState => {
    const day = utcDay(now());
    if (own.day !== day) own = { day, used: 0, unsynced: 0 };
    if (own.used + count > allowance) {
      throw new BudgetUnavailableError(cause, {
        requested: count,
        allowance,
        remaining: allowance - own.used,
      });
    }
    own.used += count;
    own.unsynced += count;
    return { ...describe(own.used), limit: allowance, processOnly: { dailyLimit: limit } };
  };

  return {
    async reserve(count) {
      const counterKey = key();
      // The look-ups made while the store was away go with this increment, whether or not this request fits;
      // taken before the await, so two requests at once never both carry them.
      const unsynced = own.day === utcDay(now()) ? own.unsynced : 0;
      own.unsynced -= unsynced;
      let used: number;
      try {
        used = await store.atomic.increment("budget", counterKey, count + unsynced, COUNTER_TTL_MS);
      } catch (cause) {
        own.unsynced += unsynced;
        return reserveOnOwn(count, cause);
      }
      if (used <= limit) return describe(used);
      // Over the limit: give the reservation back so that a smaller request can still pass.
      const before = await store.atomic.increment("budget", counterKey, -count, COUNTER_TTL_MS);
      throw new BudgetExhaustedError({
        requested: count,
        remaining: Math.max(0, limit - before),
        limit,
        resetsAt: nextUtcMidnight(now()),
      });
    },
    async release(reserved, count) {
      if (reserved.processOnly !== undefined) {
        own.used = Math.max(0, own.used - count);
        own.unsynced = Math.max(0, own.unsynced - count);
        return;
      }
      // Across midnight this gives the look-ups to the new day, which can only err towards fewer checks spent.
      await store.atomic.increment("budget", key(), -count, COUNTER_TTL_MS).catch(() => undefined);
    },
  };
}
