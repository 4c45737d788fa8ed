import type { ContactRef } from "../backend.js";
import { WaErrorCode, WhatsAppBadResponseError } from "../errors.js";
import type { HttpResponse } from "../http/transport.js";
import type { BlockUsersAnswer, FailedUser } from "./answers.js";
import { CloudParentBsuidError } from "./errors.js";
import { failureOf, graphError } from "./read-answer.js";

export type BlockAction = "block" | "unblock";

/** A parent BSUID: country, "ENT", then the id ("US.ENT.1349…"). */
const PARENT_BSUID = /^[A-Za-z]{2}\.ENT\./;

/** What Graph echoes back as `input`: the phone number or the BSUID exactly as sent. */
export function inputOf(contact: ContactRef): string {
  return "e164" in contact ? contact.e164 : contact.bsuid;
}

/**
 * The body of POST and DELETE /block_users for one contact: `{user}` for a phone number, `{user_id}` for a
 * BSUID (docs/CONTRACT.md §1.2). Throws CloudParentBsuidError, before any call, for a parent BSUID.
 */
export function blockUsersBody(contact: ContactRef): Record<string, unknown> {
  if ("e164" in contact) {
    return { messaging_product: "whatsapp", block_users: [{ user: contact.e164 }] };
  }
  if (PARENT_BSUID.test(contact.bsuid)) throw new CloudParentBsuidError(contact.bsuid);
  return { messaging_product: "whatsapp", block_users: [{ user_id: contact.bsuid }] };
}

/** Our row: the one echoing our input, else the only one (Graph may normalise what it echoes). */
function rowFor<T extends { input: string }>(rows: T[] | undefined, input: string): T | undefined {
  return rows?.find((row) => row.input === input) ?? rows?.[0];
}

function userFailure(failed: FailedUser, answer: BlockUsersAnswer, response: HttpResponse, token: string) {
  const top = answer.error;
  const [first] = failed.errors;
  return graphError(
    {
      // A failed row without a reason still failed: the top-level error (139100) is then all there is.
      code: first?.code ?? top?.code ?? WaErrorCode.CloudSomeUsersFailed,
      message: first?.message ?? top?.message ?? "Graph listed the user as failed without a reason",
      details: first === undefined ? top?.error_data?.details : first.error_data?.details,
      fbtraceId: top?.fbtrace_id,
    },
    response,
    token,
  );
}

/**
 * Whether the one user we sent was blocked (`added_users`) or unblocked (`removed_users`); throws the per-user
 * error from `failed_users` (e.g. 131047) with the top-level fbtrace_id, whatever the HTTP status.
 */
export function confirmBlockUsers(
  action: BlockAction,
  input: string,
  answer: BlockUsersAnswer,
  response: HttpResponse,
  token: string,
): void {
  const lists = answer.block_users;
  const failed = lists.failed_users?.find((row) => row.input === input);
  if (failed !== undefined) throw userFailure(failed, answer, response, token);
  if (rowFor(action === "block" ? lists.added_users : lists.removed_users, input) !== undefined) return;
  const otherFailure = rowFor(lists.failed_users, input);
  if (otherFailure !== undefined) throw userFailure(otherFailure, answer, response, token);
  if (answer.error !== undefined) throw graphError(failureOf(answer.error), response, token);
  throw new WhatsAppBadResponseError(
    `Graph's ${action} answer (HTTP ${response.status}) lists the user neither as done nor as failed`,
    response.status,
  );
}
