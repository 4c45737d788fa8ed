import type { z } from "zod";
import type { AppLogger } from "../../logger.js";
import { WhatsAppApiError } from "../errors.js";
import { monotonicNow, type Operation, sleep } from "./deadline.js";
import { readEnvelope } from "./envelope.js";
import { errorCode } from "./network-errors.js";
import type { RateLimiter } from "./rate-limiter.js";
import { type RetryPolicy, retryDelay, shouldRetry } from "./retry-policy.js";
import { type Endpoint, sendOnce } from "./transport.js";

/** An attempt with less time than this left before the deadline could not get an answer: give up instead. */
const MIN_ATTEMPT_MS = 50;

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
  limiter: RateLimiter;
  logger: AppLogger;
  /** Told the `meta.version` of every successful answer. */
  onVersion: (version: string) => void;
}

export function createExecutor(options: ExecutorOptions): Executor {
  const { endpoint, timeoutMs, retry, limiter, logger, onVersion } = options;
  return {
    async send(spec, authorization, operation) {
      for (let attempt = 1; ; attempt += 1) {
        await limiter.take(operation.signal);
        if (operation.remaining() < MIN_ATTEMPT_MS) throw operation.deadlineError;
        const started = monotonicNow();
        // Method, path, status and timing only: headers carry the credentials.
        const call: Record<string, unknown> = { method: spec.method, path: spec.path, attempt };
        try {
          const response = await sendOnce(
            endpoint,
            { method: spec.method, path: spec.path, headers: { authorization }, body: spec.body },
            // An attempt lasts at most timeoutMs, or until the operation's deadline aborts it, whichever is first.
            timeoutMs,
            operation.signal,
          );
          call.status = response.status;
          const data = readEnvelope(response, spec.schema);
          logger.debug("whatsapp call", { ...call, durationMs: elapsed(started) });
          if (data.meta !== undefined) onVersion(data.meta.version);
          return data;
        } catch (error) {
          if (operation.signal.aborted) throw operation.signal.reason;
          const delayMs = retryDelay(retry, attempt - 1, error);
          const retrying =
            attempt <= retry.retries &&
            shouldRetry(error, spec.idempotent) &&
            delayMs + MIN_ATTEMPT_MS <= operation.remaining();
          logger.debug("whatsapp call failed", {
            ...call,
            error: errorCode(error) ?? "unknown",
            ...(error instanceof WhatsAppApiError ? { waCode: error.waCode } : {}),
            durationMs: elapsed(started),
            ...(retrying ? { retryInMs: Math.round(delayMs) } : {}),
          });
          if (!retrying) throw error;
          await sleep(delayMs, operation.signal);
        }
      }
    },
  };
}

function elapsed(started: number): number {
  return Math.round(monotonicNow() - started);
}
