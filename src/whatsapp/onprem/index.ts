export {
  DEFAULT_RETRY_POLICY,
  FAST_RETRY_POLICY,
  NO_RETRY_POLICY,
  type RetryPolicy,
} from "../http/retry-timing.js";
export { statusIsSignal } from "./api-version.js";
export type { OnPremAuth } from "./auth.js";
export { createOnPremClient, type OnPremClientOptions } from "./client.js";
export { createDispatcher, type DispatcherOptions } from "./dispatcher.js";
export { DEFAULT_POLL_POLICY, FAST_POLL_POLICY, type PollPolicy } from "./poll-policy.js";
export { DEFAULT_RATE_LIMIT, type RateLimit } from "./rate-limiter.js";
