import type { AtomicOps } from "../../store/types.js";

/**
 * One signed Slack request is acted on at most once (docs/CONTRACT.md §8): a guard answers true the first time it
 * sees a signature inside the window, false for a replay.
 */
export type ReplayGuard = (signature: string) => Promise<boolean>;

/** How long a signature is remembered: Slack's timestamps are refused once they are this far off anyway. */
export const REPLAY_WINDOW_MS = 5 * 60_000;

// Bounds the memory a flood of distinct signed requests can take; older signatures are at most 5 minutes old.
const MEMORY_CAPACITY = 100_000;

/**
 * The signatures this process has seen: used when no shared guard is given, and when the shared one fails (the
 * store is down), so a replay to the same replica is still refused.
 */
export function memoryReplayGuard(now: () => number = Date.now): ReplayGuard {
  // Insertion order is expiry order: every entry lives the same window.
  const seen = new Map<string, number>();
  return async (signature) => {
    const at = now();
    for (const [key, expires] of seen) {
      if (expires > at && seen.size < MEMORY_CAPACITY) break;
      seen.delete(key);
    }
    const expires = seen.get(signature);
    if (expires !== undefined && expires > at) return false;
    seen.set(signature, at + REPLAY_WINDOW_MS);
    return true;
  };
}

/** The guard replicas share: a claim in the store's `cache` namespace, kept for the replay window. */
export function storeReplayGuard(atomic: Pick<AtomicOps, "claim">): ReplayGuard {
  return (signature) => atomic.claim("cache", `slack-signature:${signature}`, REPLAY_WINDOW_MS);
}

/**
 * The shared guard, or this process's own while the shared one fails: a store outage must not stop every
 * command (docs/CONTRACT.md §6), and a replay to the same replica is still refused.
 */
export function withLocalFallback(shared: ReplayGuard, onFailure: (error: unknown) => void): ReplayGuard {
  const local = memoryReplayGuard();
  return async (signature) => {
    try {
      return await shared(signature);
    } catch (error) {
      onFailure(error);
      return local(signature);
    }
  };
}
