import type { InboundMessage } from "../../src/relay/types.js";

/**
 * An in-process Slack channel with Slack's per-channel posting limit (about one chat.postMessage a second, short
 * bursts): a token bucket of `burst` posts refilled at `perSecond`. A post beyond it rejects as @slack/web-api
 * does with `rejectRateLimitedCalls` (code "slack_webapi_rate_limited_error", `retryAfter` in seconds), and
 * posting again before that Retry-After has passed counts as a violation. Rate and Retry-After are injectable so
 * a test can run Slack's shape at a faster pace.
 */
export interface RateLimitedSlack {
  /** Message ids in the order they were posted. */
  posted: string[];
  rateLimited: number;
  /** Posts made while a Retry-After given earlier had not passed. */
  violations: number;
  deliver(message: InboundMessage): Promise<void>;
}

/** What @slack/web-api throws for a 429 with `rejectRateLimitedCalls`. */
export function slackRateLimited(retryAfterSeconds: number): Error {
  return Object.assign(new Error("A rate-limit has been reached"), {
    code: "slack_webapi_rate_limited_error",
    retryAfter: retryAfterSeconds,
  });
}

export function rateLimitedSlack(options: {
  perSecond: number;
  burst: number;
  retryAfterSeconds: number;
}): RateLimitedSlack {
  const posted: string[] = [];
  let tokens = options.burst;
  let refilledAt = performance.now();
  let restUntil = 0;
  const slack: RateLimitedSlack = {
    posted,
    rateLimited: 0,
    violations: 0,
    async deliver(message) {
      const now = performance.now();
      tokens = Math.min(options.burst, tokens + ((now - refilledAt) / 1000) * options.perSecond);
      refilledAt = now;
      if (now < restUntil) slack.violations += 1;
      if (tokens < 1) {
        slack.rateLimited += 1;
        restUntil = now + options.retryAfterSeconds * 1000;
        throw slackRateLimited(options.retryAfterSeconds);
      }
      tokens -= 1;
      posted.push(message.messageId);
    },
  };
  return slack;
}
