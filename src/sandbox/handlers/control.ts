import { z } from "zod";
import { changeApiVersion } from "../api-version.js";
import type { Handler } from "../context.js";
import { stateSnapshot } from "../state.js";
import type { InboundResult } from "../types.js";
import { validateBody } from "../validate-body.js";

/** The control API under /sandbox/: for tests and people driving the sandbox from outside (curl). */

/** What a simulated message says, on either shape; each shape adds how the sender is named. */
export const inboundContentFields = {
  text: z.string().optional(),
  type: z.enum(["text", "image", "audio", "video", "document", "sticker", "location"]).optional(),
  name: z.string().min(1).optional(),
};

export const onPremInboundBodySchema = z.strictObject({ from: z.string().min(1), ...inboundContentFields });

const faultSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("status"),
    status: z.union([z.literal(429), z.literal(503), z.literal(500)]),
    code: z.number().int().positive().optional(),
    retryAfterSeconds: z.number().int().nonnegative().optional(),
  }),
  z.strictObject({ kind: z.literal("hang") }),
  z.strictObject({ kind: z.literal("html502") }),
  z.strictObject({
    kind: z.literal("errors200"),
    code: z.number().int().positive(),
    title: z.string().min(1),
  }),
  z.strictObject({ kind: z.literal("reset") }),
]);

const faultsBodySchema = z.strictObject({
  fault: faultSchema,
  times: z.number().int().positive().default(1),
});
const versionBodySchema = z.strictObject({ version: z.string() });

/** POST /sandbox/inbound: the body (checked against the shape's `schema`) goes to the shape's simulateInbound. */
export function inboundControlHandler<T extends z.ZodType>(
  schema: T,
  simulate: (input: z.infer<T>) => Promise<InboundResult>,
): Handler {
  return async (_ctx, request) => {
    const result = await simulate(validateBody(schema, request.body));
    return {
      status: 200,
      body: {
        message_id: result.messageId,
        timestamp: result.timestamp,
        delivered: result.delivered,
        ...(result.status === undefined ? {} : { webhook_status: result.status }),
      },
    };
  };
}

/** POST /sandbox/faults {fault, times?} */
export const queueFaultHandler: Handler = (ctx, request) => {
  const { fault, times } = validateBody(faultsBodySchema, request.body);
  ctx.faults.next(fault, times);
  return { status: 200, body: { queued: times } };
};

/** DELETE /sandbox/faults */
export const clearFaultsHandler: Handler = (ctx) => {
  ctx.faults.clear();
  return { status: 200, body: { cleared: true } };
};

/** POST /sandbox/version {version} */
export const versionHandler: Handler = (ctx, request) => {
  const { version } = validateBody(versionBodySchema, request.body);
  changeApiVersion(ctx.state, version);
  return { status: 200, body: { version } };
};

/** GET /sandbox/state */
export const stateHandler: Handler = (ctx) => ({ status: 200, body: stateSnapshot(ctx.state) });
