import type { BlockedContact, BlocklistPage, BlocklistPageRequest } from "../backend.js";
import { WhatsAppUnsupportedError } from "../errors.js";
import type { BlocklistAnswer } from "./answers.js";

export type CursorRequest = Extract<BlocklistPageRequest, { kind: "cursor" }>;

/** Checks a page request before any call: Graph pages the blocklist by cursor only (docs/CONTRACT.md §1.2). */
export function cursorRequest(request: BlocklistPageRequest): CursorRequest {
  if (request.kind !== "cursor") {
    throw new WhatsAppUnsupportedError("the Cloud API pages the blocklist by cursor, not by offset");
  }
  if (!Number.isInteger(request.limit) || request.limit <= 0) {
    throw new WhatsAppUnsupportedError(`a blocklist page holds at least one row; ${request.limit} asked`);
  }
  return request;
}

/** `/{id}/block_users?limit=…` plus `after` or `before` (after wins: one direction per request). */
export function blocklistPath(usersPath: string, request: CursorRequest): string {
  const query = new URLSearchParams({ limit: String(request.limit) });
  if (request.after !== undefined) query.set("after", request.after);
  else if (request.before !== undefined) query.set("before", request.before);
  return `${usersPath}?${query.toString()}`;
}

/** A cursor from `paging.cursors`, else from the `next`/`previous` URL Graph built with it. */
function cursor(fromCursors: string | undefined, url: string | undefined, name: string): string | undefined {
  if (fromCursors !== undefined && fromCursors !== "") return fromCursors;
  if (url === undefined) return undefined;
  try {
    return new URL(url).searchParams.get(name) ?? undefined;
  } catch {
    return undefined;
  }
}

function contactOf(row: BlocklistAnswer["data"][number]): BlockedContact | undefined {
  const contact: BlockedContact = {};
  if (row.wa_id !== undefined) contact.waId = row.wa_id;
  if (row.user_id !== undefined) contact.bsuid = row.user_id;
  return contact.waId === undefined && contact.bsuid === undefined ? undefined : contact;
}

/**
 * Graph's page as the core's: no total. Next when Graph gives `paging.next`, or an `after` cursor with a full
 * page (an empty page after it then means the end); Previous when Graph gives `paging.previous`.
 */
export function toBlocklistPage(request: CursorRequest, answer: BlocklistAnswer): BlocklistPage {
  const { limit } = request;
  const paging = answer.paging;
  const page: BlocklistPage = {
    contacts: answer.data.map(contactOf).filter((contact) => contact !== undefined),
  };
  const after = cursor(paging?.cursors?.after, paging?.next, "after");
  const full = answer.data.length >= limit;
  if (after !== undefined && (paging?.next !== undefined || full))
    page.next = { kind: "cursor", limit, after };
  const before =
    paging?.previous === undefined ? undefined : cursor(paging.cursors?.before, paging.previous, "before");
  if (before !== undefined) page.previous = { kind: "cursor", limit, before };
  return page;
}
