import type { Handler, HandlerRequest } from "../context.js";
import type { SandboxState } from "../types.js";
import { isWaIdKey } from "../users.js";
import { decodeCursor, encodeCursor } from "./cursors.js";
import { graphErrors } from "./graph-errors.js";

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 1000;

function limitOf(query: URLSearchParams): number {
  const raw = query.get("limit");
  if (raw === null) return DEFAULT_LIMIT;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= 1 && value <= MAX_LIMIT)) {
    throw graphErrors.parameter(`Param limit must be an integer from 1 to ${MAX_LIMIT}; got "${raw}"`);
  }
  return value;
}

/** The rows a request asks for: from the start, after an `after` cursor, or the page before a `before` cursor. */
function rowsWanted(
  state: SandboxState,
  query: URLSearchParams,
  limit: number,
): { start: number; end: number } {
  const after = query.get("after");
  const before = query.get("before");
  const version = state.blocklistVersion;
  if (after !== null) {
    const start = decodeCursor("after", after, version) + 1;
    return { start, end: start + limit };
  }
  if (before !== null) {
    const end = Math.min(decodeCursor("before", before, version), state.blocklist.length);
    return { start: Math.max(0, end - limit), end };
  }
  return { start: 0, end: limit };
}

/** A row: `wa_id` when the user has a phone number, `user_id` (its BSUID) when one is known. */
function row(state: SandboxState, key: string): Record<string, string> {
  const user = state.users.get(key);
  const waId = user?.waId ?? (isWaIdKey(key) ? key : undefined);
  return {
    messaging_product: "whatsapp",
    ...(waId === undefined ? {} : { wa_id: waId }),
    ...(user?.userId === undefined ? {} : { user_id: user.userId }),
  };
}

function link(request: HandlerRequest, limit: number, cursor: [string, string]): string {
  const query = new URLSearchParams({ limit: String(limit), [cursor[0]]: cursor[1] });
  return `http://${request.headers.host ?? "127.0.0.1"}${request.path}?${query}`;
}

/**
 * GET /{PHONE_NUMBER_ID}/block_users?limit&after&before: the blocklist in blocking order, no total. An empty page has
 * no `paging`; `next` / `previous` are present only where rows remain on that side.
 */
export const blocklistPageHandler: Handler = (ctx, request) => {
  const { state } = ctx;
  const limit = limitOf(request.query);
  const { start, end } = rowsWanted(state, request.query, limit);
  const keys = state.blocklist.slice(start, end);
  if (keys.length === 0) return { status: 200, body: { data: [] } };
  const last = start + keys.length - 1;
  const cursors = {
    before: encodeCursor(start, state.blocklistVersion),
    after: encodeCursor(last, state.blocklistVersion),
  };
  const paging = {
    cursors,
    ...(last + 1 < state.blocklist.length ? { next: link(request, limit, ["after", cursors.after]) } : {}),
    ...(start > 0 ? { previous: link(request, limit, ["before", cursors.before]) } : {}),
  };
  return { status: 200, body: { data: keys.map((key) => row(state, key)), paging } };
};
