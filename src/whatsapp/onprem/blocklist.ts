import type { BlocklistPage, BlocklistPageRequest } from "../backend.js";
import { WhatsAppUnsupportedError } from "../errors.js";
import type { BlocklistAnswer } from "./envelope.js";

/** The server takes 1 to 200 rows per page. */
export const MAX_BLOCKLIST_LIMIT = 200;

/** Checks a page request before any call: only offsets, within the server's bounds. */
export function offsetRequest(request: BlocklistPageRequest): { limit: number; offset: number } {
  if (request.kind !== "offset") {
    throw new WhatsAppUnsupportedError("the On-Premises blocklist pages by offset, not by cursor");
  }
  const { limit, offset } = request;
  if (!Number.isInteger(limit) || limit <= 0 || limit > MAX_BLOCKLIST_LIMIT) {
    throw new WhatsAppUnsupportedError(
      `blocklist pages hold 1 to ${MAX_BLOCKLIST_LIMIT} rows; ${limit} asked`,
    );
  }
  if (!Number.isInteger(offset) || offset < 0) {
    throw new WhatsAppUnsupportedError(`a blocklist offset is a whole number from 0; ${offset} asked`);
  }
  return { limit, offset };
}

export function toBlocklistPage(
  request: { limit: number; offset: number },
  answer: BlocklistAnswer,
): BlocklistPage {
  const { limit, offset } = request;
  const { total } = answer.pagination;
  const page: BlocklistPage = {
    contacts: answer.contacts.map(({ wa_id }) => ({ waId: wa_id })),
    total,
  };
  if (offset + limit < total) page.next = { kind: "offset", limit, offset: offset + limit };
  if (offset > 0) page.previous = { kind: "offset", limit, offset: Math.max(0, offset - limit) };
  return page;
}
