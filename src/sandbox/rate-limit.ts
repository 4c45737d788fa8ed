export interface RateLimit {
  perSecond: number;
  burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 20, burst: 60 };

/** Takes one request from the bucket; undefined when allowed, else the whole seconds until one is available. */
export type TakeToken = () => number | undefined;

/** A token bucket: `burst` requests at once, refilled at `perSecond`, on the sandbox's (injectable) clock. */
export function createTokenBucket(limit: RateLimit, now: () => number): TakeToken {
  let tokens = limit.burst;
  let refilledAt = now();
  return () => {
    const at = now();
    tokens = Math.min(limit.burst, tokens + ((at - refilledAt) / 1000) * limit.perSecond);
    refilledAt = at;
    if (tokens >= 1) {
      tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - tokens) / limit.perSecond));
  };
}
