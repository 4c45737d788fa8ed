import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { Handler } from "./context.js";
import type { Reply } from "./http-io.js";
import type { SandboxFault } from "./types.js";

export interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

/**
 * One API shape as the router serves it: its routes, how it authenticates, and how it words answers, failures and
 * faults. The router does the rest the same way for both: record the call, faults first, then auth, rate limit.
 */
export interface ApiDialect {
  /** Routes that need no token and take no faults or rate limit (the On-Premises login). */
  openRoutes: readonly Route[];
  routes: readonly Route[];
  /** The shape's own /sandbox/ control routes (inbound messages), beside the shared ones. */
  controlRoutes: readonly Route[];
  /** Throws the shape's 401 unless the request bears a valid token. */
  authenticate(headers: IncomingHttpHeaders): void;
  tooManyRequests(retryAfterSeconds: number): Error;
  notFound(method: string, path: string): Error;
  send(res: ServerResponse, reply: Reply): void;
  /** Writes `error` as the shape's failure; one it does not know becomes its internal error, and false. */
  sendError(res: ServerResponse, error: unknown): boolean;
  applyFault(fault: SandboxFault, req: IncomingMessage, res: ServerResponse): void;
}
