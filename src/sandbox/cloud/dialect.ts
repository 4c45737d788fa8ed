import { z } from "zod";
import type { Handler } from "../context.js";
import type { ApiDialect, Route } from "../dialect.js";
import { SandboxApiFailure, SandboxInputError } from "../errors.js";
import { applyFault } from "../faults.js";
import { inboundContentFields, inboundControlHandler } from "../handlers/control.js";
import { sendJson } from "../http-io.js";
import type { InboundResult } from "../types.js";
import { verifyGraphToken } from "./auth.js";
import { blockUsersHandler, unblockUsersHandler } from "./block-users.js";
import { blocklistPageHandler } from "./blocklist-page.js";
import { graphFaultBodies } from "./faults.js";
import { GraphFailure, graphErrors } from "./graph-errors.js";
import type { CloudSettings } from "./settings.js";
import type { CloudInboundInput } from "./types.js";

/** `/{version}/{PHONE_NUMBER_ID}/block_users`; the version is optional, as on Graph. */
const BLOCK_USERS = /^(?:\/v\d+\.\d+)?\/([^/]+)\/block_users$/;

const cloudInboundBodySchema = z.strictObject({
  from: z.string().min(1).optional(),
  userId: z.string().min(1).optional(),
  username: z.string().min(1).optional(),
  ...inboundContentFields,
});

/** Only this sandbox's phone number id exists; any other is Graph's unknown object. */
function forNumber(phoneNumberId: string, handler: Handler): Handler {
  return (ctx, request) => {
    const id = request.params[0] ?? "";
    if (id !== phoneNumberId) throw graphErrors.unknownObject(request.method, id);
    return handler(ctx, request);
  };
}

function asGraphFailure(error: unknown): GraphFailure | undefined {
  if (error instanceof GraphFailure) return error;
  // Shared code (the JSON body reader) raises the On-Premises kinds; Graph calls them parameter errors.
  if (error instanceof SandboxApiFailure) return graphErrors.parameter(error.answer.details);
  if (error instanceof SandboxInputError) return graphErrors.parameter(error.message);
  return undefined;
}

/** The Cloud API (docs/CONTRACT.md, Cloud API facts): Graph `block_users` POST, DELETE and GET with a bearer token. */
export function createCloudDialect(
  settings: CloudSettings,
  simulateInbound: (input: CloudInboundInput) => Promise<InboundResult>,
): ApiDialect {
  const route = (method: string, handler: Handler): Route => ({
    method,
    pattern: BLOCK_USERS,
    handler: forNumber(settings.phoneNumberId, handler),
  });
  return {
    openRoutes: [],
    routes: [
      route("POST", blockUsersHandler(settings.blocklistLimit)),
      route("DELETE", unblockUsersHandler),
      route("GET", blocklistPageHandler),
    ],
    controlRoutes: [
      {
        method: "POST",
        pattern: /^\/sandbox\/inbound$/,
        handler: inboundControlHandler(cloudInboundBodySchema, simulateInbound),
      },
    ],
    authenticate: (headers) => verifyGraphToken(settings.token, headers.authorization),
    tooManyRequests: () => graphErrors.rateLimited(),
    notFound: (_method, path) => graphErrors.unknownPath(path),
    send: (res, reply) => sendJson(res, reply.status, reply.body, reply.headers),
    sendError: (res, error) => {
      const failure = asGraphFailure(error);
      const answer = failure ?? graphErrors.internal();
      sendJson(res, answer.httpStatus, answer.body(), answer.headers);
      return failure !== undefined;
    },
    applyFault: (fault, req, res) => applyFault(fault, req, res, graphFaultBodies),
  };
}
