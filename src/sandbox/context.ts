import type { IncomingHttpHeaders } from "node:http";
import type { AppLogger } from "../log/logger.js";
import type { FaultQueue } from "./faults.js";
import type { Reply } from "./http-io.js";
import type { TakeToken } from "./rate-limit.js";
import type { StateSync } from "./state-file.js";
import type { SandboxState } from "./types.js";

/** Everything a request handler may touch, on either shape. Shape-specific settings live in its handlers. */
export interface SandboxContext {
  state: SandboxState;
  faults: FaultQueue;
  /** Undefined when rate limiting is off. */
  takeRateToken: TakeToken | undefined;
  processingRounds: number;
  now: () => number;
  logger: AppLogger | undefined;
  /** Every handler runs inside `sync.change`: on the state as the data folder holds it, written back after. */
  sync: StateSync;
}

export interface HandlerRequest {
  method: string;
  /** The route pattern's captures, e.g. the contact id of /v1/contacts/{id}/block (still URL-encoded). */
  params: string[];
  /** The request path, without the query. */
  path: string;
  query: URLSearchParams;
  /** Parsed JSON ({} for GET and empty bodies). */
  body: unknown;
  headers: IncomingHttpHeaders;
}

export type Handler = (ctx: SandboxContext, request: HandlerRequest) => Reply | Promise<Reply>;
