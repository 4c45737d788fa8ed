import { DAY_MS } from "../common/time.js";
import type { AppLogger } from "../log/logger.js";
import { formatForPeople, InvalidPhoneNumberError, waIdToE164 } from "../phone/index.js";
import type { AppStore } from "../store/types.js";
import type {
  BlockedContact,
  BlocklistPage,
  BlocklistPageRequest,
  WhatsAppBackend,
} from "../whatsapp/backend.js";
import { WaErrorCode, WhatsAppApiError } from "../whatsapp/errors.js";
import { UnsupportedRequestError } from "./errors.js";
import type { BlocklistRow, BlocklistView, ContactDirectory } from "./types.js";

/**
 * One blocklist page per upstream call (docs/CONTRACT.md §7), briefly cached so that paging back and forth is
 * instant. Any block or unblock bumps a shared generation number, which retires every cached page on every replica.
 */
export interface BlocklistPages {
  view(page: number | BlocklistPageRequest): Promise<BlocklistView>;
  invalidate(): Promise<void>;
}

const PAGE_CACHE_TTL_MS = 60_000;
/** Exported for a reader that must see the list as it is now (the CLI export); the key is the core's. */
export const GENERATION_KEY = "blocklist-generation";

export function createBlocklistPages(
  backend: Pick<WhatsAppBackend, "capabilities" | "blocklistPage">,
  store: AppStore,
  pageSize: number,
  logger: AppLogger,
  directory?: ContactDirectory,
): BlocklistPages {
  const cache = store.namespace<BlocklistPage>("cache");

  // The list comes from WhatsApp: a store that does not answer costs only the cache (docs/CONTRACT.md §6).
  const fetchPage = async (request: BlocklistPageRequest): Promise<BlocklistPage> => {
    let key: string;
    try {
      key = `blocklist:${await store.atomic.read("cache", GENERATION_KEY)}:${JSON.stringify(request)}`;
      const cached = await cache.get(key);
      if (cached) return cached;
    } catch (error) {
      logger.warn("blocklist cache read failed; asking WhatsApp directly", error);
      return backend.blocklistPage(request);
    }
    const page = await backend.blocklistPage(request);
    await cache.set(key, page, PAGE_CACHE_TTL_MS).catch((error: unknown) => {
      logger.warn("blocklist cache write failed; page not cached", error);
    });
    return page;
  };

  const toRequest = (page: number | BlocklistPageRequest): BlocklistPageRequest => {
    if (typeof page !== "number") {
      if (page.kind !== backend.capabilities.blocklistPaging) {
        throw new UnsupportedRequestError(
          `this backend pages its blocklist by ${backend.capabilities.blocklistPaging}`,
        );
      }
      return page;
    }
    if (backend.capabilities.blocklistPaging === "cursor") return { kind: "cursor", limit: pageSize };
    return { kind: "offset", limit: pageSize, offset: (Math.max(1, Math.floor(page)) - 1) * pageSize };
  };

  /** Cursors go stale when the list changes (139102): the answer is then page one, saying so. */
  const cursorView = async (request: BlocklistPageRequest): Promise<BlocklistView> => {
    try {
      return await withUsernames(renderView(await fetchPage(request), request), directory);
    } catch (error) {
      if (!(error instanceof WhatsAppApiError && error.waCode === WaErrorCode.CloudBlocklistChanged))
        throw error;
      const first: BlocklistPageRequest = { kind: "cursor", limit: request.limit };
      const view = await withUsernames(renderView(await fetchPage(first), first), directory);
      return { ...view, restarted: true };
    }
  };

  return {
    async view(pageOrRequest) {
      const request = toRequest(pageOrRequest);
      if (request.kind === "cursor") return cursorView(request);
      let page = await fetchPage(request);
      let effective = request;
      // A page past the end (the list shrank since the button was drawn) shows the last page instead.
      if (
        request.kind === "offset" &&
        page.contacts.length === 0 &&
        page.total !== undefined &&
        page.total > 0 &&
        request.offset >= page.total
      ) {
        effective = { ...request, offset: Math.floor((page.total - 1) / request.limit) * request.limit };
        page = await fetchPage(effective);
      }
      return renderView(page, effective);
    },
    async invalidate() {
      await store.atomic.increment("cache", GENERATION_KEY, 1, DAY_MS);
    },
  };
}

function renderView(page: BlocklistPage, request: BlocklistPageRequest): BlocklistView {
  const rows = page.contacts.map(toRow);
  const view: BlocklistView = { rows, page: 1, pageSize: request.limit, shown: request };
  if (request.kind === "offset") view.page = Math.floor(request.offset / request.limit) + 1;
  if (page.total !== undefined) {
    view.total = page.total;
    view.pageCount = Math.max(1, Math.ceil(page.total / request.limit));
  }
  if (page.next) view.next = page.next;
  if (page.previous) view.previous = page.previous;
  return view;
}

/** One odd id must not cost the whole page: it is shown as WhatsApp gave it, without an E.164 to unblock by. */
function toRow(contact: BlockedContact): BlocklistRow {
  const { waId, bsuid } = contact;
  if (waId === undefined) return { ...(bsuid === undefined ? {} : { bsuid }), display: bsuid ?? "" };
  let e164: string;
  try {
    e164 = waIdToE164(waId);
  } catch (error) {
    if (error instanceof InvalidPhoneNumberError) return { waId, display: waId };
    throw error;
  }
  return { waId, e164, display: formatForPeople(e164) };
}

/** Rows listed only by a BSUID show the username the relay saw with it, when it saw one. */
async function withUsernames(
  view: BlocklistView,
  directory: ContactDirectory | undefined,
): Promise<BlocklistView> {
  if (directory === undefined) return view;
  const rows = await Promise.all(
    view.rows.map(async (row) => {
      if (row.bsuid === undefined || row.waId !== undefined) return row;
      const known = await directory.byBsuid(row.bsuid).catch(() => undefined);
      return known?.username === undefined ? row : { ...row, username: known.username };
    }),
  );
  return { ...view, rows };
}
