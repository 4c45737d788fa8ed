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
}

// Counters outlive their day a little so a reset never races a late increment.
const COUNTER_TTL_MS = 2 * DAY_MS;

const todaysKey = (now: Clock): string => `checks:${utcDay(now())}`;

/** Look-ups still allowed today, read without taking any (the metrics read it when scraped). */
export async function budgetLeft(store: AppStore, limit: number, now: Clock): Promise<number> {
  return Math.max(0, limit - (await store.atomic.read("budget", todaysKey(now))));
}

export function createCheckBudget(store: AppStore, limit: number, now: Clock): CheckBudget {
  const key = () => todaysKey(now);
  const describe = (used: number): BudgetState => ({ used, limit, resetsAt: nextUtcMidnight(now()) });

  return {
    async reserve(count) {
      const counterKey = key();
      const used = await store.atomic
        .increment("budget", counterKey, count, COUNTER_TTL_MS)
        .catch((cause: unknown) => Promise.reject(new BudgetUnavailableError(cause)));
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
  };
}
