import type { IncomingHttpHeaders } from "node:http";
import type { AppLogger } from "../log/logger.js";
import type { SandboxAuth } from "./auth.js";
import type { FaultQueue } from "./faults.js";
import type { Reply } from "./http-io.js";
import type { TakeToken } from "./rate-limit.js";
import type { InboundInput, InboundResult, SandboxState } from "./types.js";

/** Everything a request handler may touch. */
export interface SandboxContext {
  state: SandboxState;
  auth: SandboxAuth;
  faults: FaultQueue;
  /** Undefined when rate limiting is off. */
  takeRateToken: TakeToken | undefined;
  simulateInbound(input: InboundInput): Promise<InboundResult>;
  processingRounds: number;
  now: () => number;
  logger: AppLogger | undefined;
}

export interface HandlerRequest {
  /** The route pattern's captures, e.g. the contact id of /v1/contacts/{id}/block (still URL-encoded). */
  params: string[];
  query: URLSearchParams;
  /** Parsed JSON ({} for GET and empty bodies). */
  body: unknown;
  headers: IncomingHttpHeaders;
}

export type Handler = (ctx: SandboxContext, request: HandlerRequest) => Reply | Promise<Reply>;
