import { apiErrors } from "./api-errors.js";
import type { SandboxAuth } from "./auth.js";
import type { ApiDialect } from "./dialect.js";
import { applyFault, onPremFaultBodies } from "./faults.js";
import { blocklistHandler } from "./handlers/blocklist.js";
import { blockHandler, reportHandler, unblockHandler } from "./handlers/contact-actions.js";
import { contactsHandler } from "./handlers/contacts.js";
import { inboundControlHandler, onPremInboundBodySchema, versionHandler } from "./handlers/control.js";
import { healthHandler } from "./handlers/health.js";
import { loginHandler } from "./handlers/login.js";
import { meta, sendError, sendJson } from "./http-io.js";
import type { InboundInput, InboundResult, SandboxState } from "./types.js";

/** The On-Premises `/v1` API (docs/CONTRACT.md, On-Premises facts): login, contacts, block, blocklist, health. */
export function createOnPremDialect(deps: {
  state: SandboxState;
  auth: SandboxAuth;
  simulateInbound: (input: InboundInput) => Promise<InboundResult>;
}): ApiDialect {
  const { state, auth } = deps;
  return {
    openRoutes: [{ method: "POST", pattern: /^\/v1\/users\/login$/, handler: loginHandler(auth) }],
    routes: [
      { method: "GET", pattern: /^\/v1\/health$/, handler: healthHandler },
      { method: "POST", pattern: /^\/v1\/contacts$/, handler: contactsHandler },
      { method: "GET", pattern: /^\/v1\/contacts\/blocklist$/, handler: blocklistHandler },
      { method: "POST", pattern: /^\/v1\/contacts\/([^/]+)\/block$/, handler: blockHandler },
      { method: "POST", pattern: /^\/v1\/contacts\/([^/]+)\/unblock$/, handler: unblockHandler },
      { method: "POST", pattern: /^\/v1\/contacts\/([^/]+)\/report$/, handler: reportHandler },
    ],
    controlRoutes: [
      {
        method: "POST",
        pattern: /^\/sandbox\/inbound$/,
        handler: inboundControlHandler(onPremInboundBodySchema, deps.simulateInbound),
      },
      { method: "POST", pattern: /^\/sandbox\/version$/, handler: versionHandler },
    ],
    authenticate: (headers) => auth.verify(headers.authorization),
    tooManyRequests: (retryAfterSeconds) => apiErrors.tooManyRequests(retryAfterSeconds),
    notFound: (method, path) => apiErrors.notFound(`No such endpoint: ${method} ${path}`),
    send: (res, reply) =>
      sendJson(res, reply.status, { ...reply.body, meta: meta(state.apiVersion) }, reply.headers),
    sendError: (res, error) => sendError(res, error, state.apiVersion),
    applyFault: (fault, req, res) => applyFault(fault, req, res, onPremFaultBodies(state.apiVersion)),
  };
}
