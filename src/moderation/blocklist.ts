import { formatForPeople, waIdToE164 } from "../phone/index.js";
import type { AppStore } from "../store/types.js";
import type { BlocklistPage, BlocklistPageRequest, WhatsAppBackend } from "../whatsapp/backend.js";
import { DAY_MS } from "./clock.js";
import { UnsupportedRequestError } from "./errors.js";
import type { BlocklistView } from "./types.js";

/**
 * One blocklist page per upstream call (SPEC §7), briefly cached so that paging back and forth is instant.
 * Any block or unblock bumps a shared generation number, which retires every cached page on every replica.
 */
export interface BlocklistPages {
  view(page: number | BlocklistPageRequest): Promise<BlocklistView>;
  invalidate(): Promise<void>;
}

const PAGE_CACHE_TTL_MS = 60_000;
const GENERATION_KEY = "blocklist-generation";

export function createBlocklistPages(
  backend: WhatsAppBackend,
  store: AppStore,
  pageSize: number,
): BlocklistPages {
  const cache = store.namespace<BlocklistPage>("cache");
  const generation = () => store.atomic.increment("cache", GENERATION_KEY, 0, DAY_MS);

  const fetchPage = async (request: BlocklistPageRequest): Promise<BlocklistPage> => {
    const key = `blocklist:${await generation()}:${JSON.stringify(request)}`;
    const cached = await cache.get(key);
    if (cached) return cached;
    const page = await backend.blocklistPage(request);
    await cache.set(key, page, PAGE_CACHE_TTL_MS);
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

  return {
    async view(pageOrRequest) {
      const request = toRequest(pageOrRequest);
      let page = await fetchPage(request);
      let effective = request;
      // A page past the end (the list shrank since the button was drawn) shows the last page instead.
      if (
        request.kind === "offset" &&
        page.waIds.length === 0 &&
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
  const rows = page.waIds.map((waId) => {
    const e164 = waIdToE164(waId);
    return { waId, e164, display: formatForPeople(e164) };
  });
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
