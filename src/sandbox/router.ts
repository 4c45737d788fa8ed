import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { apiErrors } from "./api-errors.js";
import type { SandboxContext } from "./context.js";
import type { ApiDialect, Route } from "./dialect.js";
import { clearFaultsHandler, queueFaultHandler, stateHandler } from "./handlers/control.js";
import { readJsonBody, sendError, sendJson } from "./http-io.js";
import { recordCall } from "./state.js";

/** The control API both shapes share; each shape adds its own (inbound messages, ...). */
const SHARED_CONTROL_ROUTES: Route[] = [
  { method: "POST", pattern: /^\/sandbox\/faults$/, handler: queueFaultHandler },
  { method: "DELETE", pattern: /^\/sandbox\/faults$/, handler: clearFaultsHandler },
  { method: "GET", pattern: /^\/sandbox\/state$/, handler: stateHandler },
];

/** One request and what serves it. */
interface Exchange {
  ctx: SandboxContext;
  dialect: ApiDialect;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
}

interface Match {
  route: Route;
  params: string[];
}

function match(routes: readonly Route[], method: string, path: string): Match | undefined {
  for (const route of routes) {
    const found = route.pattern.exec(path);
    if (found && route.method === method) return { route, params: found.slice(1) };
  }
  return undefined;
}

async function run(ctx: SandboxContext, req: IncomingMessage, found: Match, url: URL) {
  // DELETE carries a JSON body on the Cloud API (block_users).
  const body = req.method === "POST" || req.method === "DELETE" ? await readJsonBody(req) : {};
  const request = {
    method: found.route.method,
    params: found.params,
    path: url.pathname,
    query: url.searchParams,
    body,
    headers: req.headers,
  };
  // A handler changes the state synchronously (an inbound message's webhook POST comes after): all of it is saved.
  return ctx.sync.change(() => found.route.handler(ctx, request));
}

/** The WhatsApp API: faults first (a proxy or an overloaded server answers before any check), then auth, rate limit. */
async function serveApi({ ctx, dialect, req, res, url }: Exchange): Promise<void> {
  const method = req.method ?? "GET";
  const call = recordCall(ctx.state, { at: ctx.now(), method, path: `${url.pathname}${url.search}` });
  res.on("finish", () => {
    call.status = res.statusCode;
    ctx.logger?.debug(`sandbox ${method} ${call.path} -> ${res.statusCode}`);
  });
  const open = match(dialect.openRoutes, method, url.pathname);
  if (!open) {
    const fault = ctx.faults.take();
    if (fault) {
      call.fault = fault.kind;
      dialect.applyFault(fault, req, res);
      return;
    }
  }
  const found = open ?? match(dialect.routes, method, url.pathname);
  if (!found) throw dialect.notFound(method, url.pathname);
  if (!open) {
    dialect.authenticate(req.headers);
    const retryAfter = ctx.takeRateToken?.();
    if (retryAfter !== undefined) throw dialect.tooManyRequests(retryAfter);
  }
  dialect.send(res, await run(ctx, req, found, url));
}

/** The control API answers in the On-Premises envelope on both shapes: it is the sandbox's own, not WhatsApp's. */
async function serveControl({ ctx, dialect, req, res, url }: Exchange): Promise<void> {
  const method = req.method ?? "GET";
  const found =
    match(dialect.controlRoutes, method, url.pathname) ?? match(SHARED_CONTROL_ROUTES, method, url.pathname);
  if (!found) throw apiErrors.notFound(`No such sandbox control endpoint: ${method} ${url.pathname}`);
  const reply = await run(ctx, req, found, url);
  sendJson(res, reply.status, reply.body, reply.headers);
}

export function createRequestListener(ctx: SandboxContext, dialect: ApiDialect): RequestListener {
  return (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const control = url.pathname.startsWith("/sandbox/");
    const serve = control ? serveControl : serveApi;
    serve({ ctx, dialect, req, res, url }).catch((error: unknown) => {
      if (res.headersSent || res.destroyed) return;
      const known = control ? sendError(res, error, ctx.state.apiVersion) : dialect.sendError(res, error);
      if (!known) ctx.logger?.error("sandbox handler failed", error);
    });
  };
}
