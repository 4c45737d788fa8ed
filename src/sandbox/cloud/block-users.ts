import { addToBlocklist, removeFromBlocklist } from "../blocklist-store.js";
import type { Handler, SandboxContext } from "../context.js";
import { isEngaged } from "../engagement.js";
import { findWaId } from "../numbers.js";
import { type BlockTarget, parseBlockUsersBody } from "./block-users-body.js";
import { graphError } from "./graph-errors.js";

/** Why one user of a call failed: an entry of `failed_users[].errors`. */
interface UserError {
  message: string;
  code: number;
  error_data: { details: string };
}

const userError = (code: number, message: string, details: string): UserError => ({
  message,
  code,
  error_data: { details },
});

/** Meta's wording (docs/CONTRACT.md, Cloud API facts): a number that is not on WhatsApp gets it too. */
const NOT_ENGAGED = userError(131047, "Re-engagement required", "User has not messaged in the last 24 hours");
const SELF = userError(
  131021,
  "Recipient cannot be sender",
  "Sender and recipient phone number is the same.",
);

/** What a call does to one known user (by key), or why it cannot. */
interface ChangeAction {
  list: "added_users" | "removed_users";
  verb: "block" | "unblock";
  apply(ctx: SandboxContext, key: string): UserError | undefined;
}

/** Only users who wrote in the last 24 hours can be blocked, and the list has a size limit. */
function blockAction(blocklistLimit: number): ChangeAction {
  return {
    list: "added_users",
    verb: "block",
    apply(ctx, key) {
      const { state } = ctx;
      if (!isEngaged(state, key, ctx.now())) return NOT_ENGAGED;
      if (!state.blocklist.includes(key) && state.blocklist.length >= blocklistLimit) {
        const limit = blocklistLimit.toLocaleString("en-US");
        return userError(
          139101,
          "Blocklist limit reached",
          `The ${limit} users blocklist limit has been reached`,
        );
      }
      addToBlocklist(state, key);
      return undefined;
    },
  };
}

/** Unblocking needs no open window; unblocking a user who is not blocked changes nothing and succeeds. */
const UNBLOCK: ChangeAction = {
  list: "removed_users",
  verb: "unblock",
  apply(ctx, key) {
    removeFromBlocklist(ctx.state, key);
    return undefined;
  },
};

type Outcome = { ok: true; entry: Record<string, string> } | { ok: false; entry: Record<string, unknown> };

/** `wa_id` answers only a phone number that reaches a user, `user_id` only a BSUID. */
function outcomeFor(ctx: SandboxContext, action: ChangeAction, target: BlockTarget): Outcome {
  const { state } = ctx;
  if (target.kind === "phone" && target.digits === state.businessNumber.slice(1)) {
    return { ok: false, entry: { input: target.input, errors: [SELF] } };
  }
  const key =
    target.kind === "phone"
      ? target.digits === undefined
        ? undefined
        : findWaId(state.users, target.digits)
      : state.userIds.get(target.input);
  const id: Record<string, string> =
    key === undefined ? {} : target.kind === "phone" ? { wa_id: key } : { user_id: target.input };
  const failure = key === undefined ? NOT_ENGAGED : action.apply(ctx, key);
  if (failure) return { ok: false, entry: { input: target.input, ...id, errors: [failure] } };
  return { ok: true, entry: { input: target.input, ...id } };
}

/**
 * POST (block) or DELETE (unblock) /{PHONE_NUMBER_ID}/block_users. When some users fail, the answer is HTTP 400
 * with `failed_users` and a top-level 139100 error, beside the users that did succeed (Meta's mixed examples).
 */
function changeHandler(action: ChangeAction): Handler {
  return (ctx, request) => {
    const targets = parseBlockUsersBody(request.body, ctx.state.countryCode);
    const outcomes = targets.map((target) => outcomeFor(ctx, action, target));
    const done = outcomes.filter((outcome) => outcome.ok).map((outcome) => outcome.entry);
    const failed = outcomes.filter((outcome) => !outcome.ok).map((outcome) => outcome.entry);
    const blockUsers = {
      ...(done.length > 0 ? { [action.list]: done } : {}),
      ...(failed.length > 0 ? { failed_users: failed } : {}),
    };
    const body = { messaging_product: "whatsapp", block_users: blockUsers };
    if (failed.length === 0) return { status: 200, body };
    const error = graphError(139100, "(#139100) Failed to block/unblock users", {
      details: `Failed to ${action.verb} some users, see the block_users response list for details`,
    });
    return { status: 400, body: { ...body, error } };
  };
}

export const blockUsersHandler = (blocklistLimit: number): Handler =>
  changeHandler(blockAction(blocklistLimit));
export const unblockUsersHandler: Handler = changeHandler(UNBLOCK);
