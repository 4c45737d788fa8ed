import type { z } from "zod";
import type { AppLogger } from "../../log/logger.js";
import { WhatsAppApiError } from "../errors.js";
import { sleep } from "../http/cancellation.js";
import { MIN_ATTEMPT_MS, monotonicNow, type Operation } from "../http/deadline.js";
import { errorCode } from "../http/network-errors.js";
import { type RetryPolicy, retryDelay } from "../http/retry-timing.js";
import { type Endpoint, exchange } from "../http/transport.js";
import { readEnvelope } from "./envelope.js";
import { isRateLimited, type RateLimiter } from "./rate-limiter.js";
import { shouldRetry } from "./retry-policy.js";

const JSON_TYPE = "application/json";
/**
 * The share of what is left of an operation that a call may spend waiting for its rate-limit turn; the rest is
 * for the request (and a retry). A call whose turn comes later is refused at once, unsent, rather than holding a
 * turn it could not use (docs/CONTRACT.md §8, shared-rate-limiter.ts).
 */
const MAX_WAIT_SHARE = 0.5;

export interface CallSpec<T> {
  method: "GET" | "POST";
  /** From the API root, query string included; numbers already URL-encoded. */
  path: string;
  body?: unknown;
  schema: z.ZodType<T>;
  /** False for a report: it is never replayed after a failure that may have reached the server. */
  idempotent: boolean;
}

export interface Executor {
  /** Sends one call with `authorization`, retrying as the policy allows, until it succeeds or `operation` ends. */
  send<T extends { meta?: { version: string } | undefined }>(
    spec: CallSpec<T>,
    authorization: string,
    operation: Operation,
  ): Promise<T>;
}

export interface ExecutorOptions {
  endpoint: Endpoint;
  timeoutMs: number;
  retry: RetryPolicy;
  /** Paces the calls `isRateLimited` names; every other call goes at once. */
  limiter: RateLimiter;
  logger: AppLogger;
  /** Told the `meta.version` of every successful answer. */
  onVersion: (version: string) => void;
}

export function createExecutor(options: ExecutorOptions): Executor {
  const { endpoint, timeoutMs, retry, limiter, logger, onVersion } = options;
  return {
    async send(spec, authorization, operation) {
      // Read once per call: at any level above debug, no log entry is built at all.
      const debug = logger.isLevelEnabled("debug");
      // The Authorization header is the only one that differs between calls.
      const headers =
        spec.body === undefined
          ? { authorization, accept: JSON_TYPE }
          : { authorization, accept: JSON_TYPE, "content-type": JSON_TYPE };
      const limited = isRateLimited(spec.path);
      for (let attempt = 1; ; attempt += 1) {
        const waiting = limited ? limiter.take(operation, operation.remaining() * MAX_WAIT_SHARE) : undefined;
        if (waiting !== undefined) await waiting;
        if (operation.remaining() < MIN_ATTEMPT_MS) throw operation.deadlineError;
        const started = monotonicNow();
        let status: number | undefined;
        try {
          const response = await exchange(
            endpoint,
            { method: spec.method, path: spec.path, headers, body: spec.body },
            // An attempt lasts at most timeoutMs, or until the operation's deadline aborts it, whichever is first.
            timeoutMs,
            operation,
          );
          status = response.status;
          const data = readEnvelope(response, spec.schema);
          if (debug) logger.debug("whatsapp call", attemptFacts(spec, attempt, status, started));
          if (data.meta !== undefined) onVersion(data.meta.version);
          return data;
        } catch (error) {
          if (operation.aborted) throw operation.reason;
          const delayMs = retryDelay(retry, attempt - 1, error);
          const retrying =
            attempt <= retry.retries &&
            shouldRetry(error, spec.idempotent) &&
            delayMs + MIN_ATTEMPT_MS <= operation.remaining();
          if (debug) {
            logger.debug("whatsapp call failed", {
              ...attemptFacts(spec, attempt, status, started),
              error: errorCode(error) ?? "unknown",
              ...(error instanceof WhatsAppApiError ? { waCode: error.waCode } : {}),
              ...(retrying ? { retryInMs: Math.round(delayMs) } : {}),
            });
          }
          if (!retrying) throw error;
          await sleep(delayMs, operation);
        }
      }
    },
  };
}

/** Method, path, status and timing only: headers carry the credentials. */
function attemptFacts(
  spec: { method: string; path: string },
  attempt: number,
  status: number | undefined,
  started: number,
): Record<string, unknown> {
  return {
    method: spec.method,
    path: spec.path,
    attempt,
    ...(status === undefined ? {} : { status }),
    durationMs: Math.round(monotonicNow() - started),
  };
}
