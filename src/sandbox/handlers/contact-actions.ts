import { z } from "zod";
import { characterCount } from "../../common/text-length.js";
import { apiErrors } from "../api-errors.js";
import { addToBlocklist, removeFromBlocklist } from "../blocklist-store.js";
import type { Handler, HandlerRequest, SandboxContext } from "../context.js";
import { isEngaged } from "../engagement.js";
import { findWaId, parseContactId } from "../numbers.js";
import type { SandboxState } from "../types.js";
import { validateBody } from "../validate-body.js";

const REASON_LIMIT = 60;
/** What the server sends WhatsApp with a report that names no message. */
const REPORTED_MESSAGES = 5;

const blockBodySchema = z.strictObject({ reason: z.string().optional() });
const unblockBodySchema = z.strictObject({});
const reportBodySchema = z.strictObject({
  reason: z.string().optional(),
  block: z.boolean().optional(),
  message_id: z.string().min(1).optional(),
});

/** The wa_id a path names: "+<number>" (URL-encoded) or a bare wa_id; 1009 for anything else. */
function contactOf(state: SandboxState, request: HandlerRequest): string {
  let id: string;
  try {
    id = decodeURIComponent(request.params[0] ?? "");
  } catch {
    throw apiErrors.invalidContactId();
  }
  const digits = parseContactId(id);
  if (digits === undefined) throw apiErrors.invalidContactId();
  return findWaId(state.users, digits) ?? digits;
}

/** Counted as the bot counts before sending (an emoji is one), so a reason the bot passes is not refused here. */
function assertReason(reason: string | undefined): void {
  if (reason === undefined) return;
  const length = characterCount(reason);
  if (length >= REASON_LIMIT) {
    throw apiErrors.invalidParameter(
      `reason must be under ${REASON_LIMIT} characters; this one has ${length}`,
    );
  }
}

/** Block and report need a message from the contact in the last 24 hours. */
function assertEngaged(ctx: SandboxContext, waId: string): void {
  if (!isEngaged(ctx.state, waId, ctx.now())) throw apiErrors.notEngaged();
}

/** POST /v1/contacts/{id}/block {reason?}; blocking a blocked contact changes nothing. */
export const blockHandler: Handler = (ctx, request) => {
  const waId = contactOf(ctx.state, request);
  const { reason } = validateBody(blockBodySchema, request.body);
  assertReason(reason);
  assertEngaged(ctx, waId);
  addToBlocklist(ctx.state, waId);
  return { status: 200, body: {} };
};

/**
 * POST /v1/contacts/{id}/unblock. The server documents no error for a contact that is not blocked, only 1009 for an
 * id that is not one, so unblocking is idempotent here too. No 24-hour rule applies.
 */
export const unblockHandler: Handler = (ctx, request) => {
  const waId = contactOf(ctx.state, request);
  validateBody(unblockBodySchema, request.body);
  removeFromBlocklist(ctx.state, waId);
  return { status: 200, body: {} };
};

/** POST /v1/contacts/{id}/report {reason?, block?, message_id?} */
export const reportHandler: Handler = (ctx, request) => {
  const waId = contactOf(ctx.state, request);
  const body = validateBody(reportBodySchema, request.body);
  assertReason(body.reason);
  const fromContact = ctx.state.messages.filter((message) => message.from === waId);
  if (body.message_id !== undefined && !fromContact.some((message) => message.id === body.message_id)) {
    throw apiErrors.invalidParameter(`message_id ${body.message_id} is not a message from this contact`);
  }
  assertEngaged(ctx, waId);
  const messageIds =
    body.message_id === undefined
      ? fromContact.slice(-REPORTED_MESSAGES).map((message) => message.id)
      : [body.message_id];
  const block = body.block ?? false;
  ctx.state.reports.push({
    waId,
    at: ctx.now(),
    block,
    messageIds,
    ...(body.reason === undefined ? {} : { reason: body.reason }),
  });
  if (block) addToBlocklist(ctx.state, waId);
  return { status: 200, body: {} };
};
