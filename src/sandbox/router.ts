import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { apiErrors } from "./api-errors.js";
import type { Handler, SandboxContext } from "./context.js";
import { SandboxApiFailure, SandboxInputError } from "./errors.js";
import { applyFault } from "./faults.js";
import { blocklistHandler } from "./handlers/blocklist.js";
import { blockHandler, reportHandler, unblockHandler } from "./handlers/contact-actions.js";
import { contactsHandler } from "./handlers/contacts.js";
import {
  clearFaultsHandler,
  inboundControlHandler,
  queueFaultHandler,
  stateHandler,
  versionHandler,
} from "./handlers/control.js";
import { healthHandler } from "./handlers/health.js";
import { loginHandler } from "./handlers/login.js";
import { meta, type Reply, readJsonBody, sendFailure, sendJson } from "./http-io.js";
import { recordCall } from "./state.js";

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

/** Every /v1 route but login needs a bearer token, counts against the rate limit and takes queued faults. */
const LOGIN_ROUTE: Route = { method: "POST", pattern: /^\/v1\/users\/login$/, handler: loginHandler };

const API_ROUTES: Route[] = [
  { method: "GET", pattern: /^\/v1\/health$/, handler: healthHandler },
  { method: "POST", pattern: /^\/v1\/contacts$/, handler: contactsHandler },
  { method: "GET", pattern: /^\/v1\/contacts\/blocklist$/, handler: blocklistHandler },
  { method: "POST", pattern: /^\/v1\/contacts\/([^/]+)\/block$/, handler: blockHandler },
  { method: "POST", pattern: /^\/v1\/contacts\/([^/]+)\/unblock$/, handler: unblockHandler },
  { method: "POST", pattern: /^\/v1\/contacts\/([^/]+)\/report$/, handler: reportHandler },
];

const CONTROL_ROUTES: Route[] = [
  { method: "POST", pattern: /^\/sandbox\/inbound$/, handler: inboundControlHandler },
  { method: "POST", pattern: /^\/sandbox\/faults$/, handler: queueFaultHandler },
  { method: "DELETE", pattern: /^\/sandbox\/faults$/, handler: clearFaultsHandler },
  { method: "POST", pattern: /^\/sandbox\/version$/, handler: versionHandler },
  { method: "GET", pattern: /^\/sandbox\/state$/, handler: stateHandler },
];

function match(
  routes: Route[],
  method: string,
  path: string,
): { route: Route; params: string[] } | undefined {
  for (const route of routes) {
    const found = route.pattern.exec(path);
    if (found && route.method === method) return { route, params: found.slice(1) };
  }
  return undefined;
}

async function run(
  ctx: SandboxContext,
  req: IncomingMessage,
  found: { route: Route; params: string[] },
  url: URL,
): Promise<Reply> {
  const body = req.method === "POST" ? await readJsonBody(req) : {};
  return found.route.handler(ctx, {
    params: found.params,
    query: url.searchParams,
    body,
    headers: req.headers,
  });
}

/** The WhatsApp API: faults first (a proxy or an overloaded server answers before any check), then auth, rate limit. */
async function serveApi(
  ctx: SandboxContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const method = req.method ?? "GET";
  const call = recordCall(ctx.state, { at: ctx.now(), method, path: `${url.pathname}${url.search}` });
  res.on("finish", () => {
    call.status = res.statusCode;
    ctx.logger?.debug(`sandbox ${method} ${call.path} -> ${res.statusCode}`);
  });
  const login = match([LOGIN_ROUTE], method, url.pathname);
  if (!login) {
    const fault = ctx.faults.take();
    if (fault) {
      call.fault = fault.kind;
      applyFault(fault, req, res, ctx.state.apiVersion);
      return;
    }
  }
  const found = login ?? match(API_ROUTES, method, url.pathname);
  if (!found) throw apiErrors.notFound(`No such endpoint: ${method} ${url.pathname}`);
  if (!login) {
    ctx.auth.verify(req.headers.authorization);
    const retryAfter = ctx.takeRateToken?.();
    if (retryAfter !== undefined) throw apiErrors.tooManyRequests(retryAfter);
  }
  const reply = await run(ctx, req, found, url);
  sendJson(res, reply.status, { ...reply.body, meta: meta(ctx.state.apiVersion) }, reply.headers);
}

async function serveControl(
  ctx: SandboxContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const found = match(CONTROL_ROUTES, req.method ?? "GET", url.pathname);
  if (!found) throw apiErrors.notFound(`No such sandbox control endpoint: ${req.method} ${url.pathname}`);
  const reply = await run(ctx, req, found, url);
  sendJson(res, reply.status, reply.body, reply.headers);
}

function toFailure(error: unknown): SandboxApiFailure | undefined {
  if (error instanceof SandboxApiFailure) return error;
  if (error instanceof SandboxInputError) return apiErrors.invalidParameter(error.message);
  return undefined;
}

export function createRequestListener(ctx: SandboxContext): RequestListener {
  return (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const serve = url.pathname.startsWith("/sandbox/") ? serveControl : serveApi;
    serve(ctx, req, res, url).catch((error: unknown) => {
      if (res.headersSent || res.destroyed) return;
      const failure = toFailure(error);
      if (!failure) ctx.logger?.error("sandbox handler failed", error);
      sendFailure(
        res,
        failure ?? apiErrors.internal("The sandbox failed to handle the request"),
        ctx.state.apiVersion,
      );
    });
  };
}
