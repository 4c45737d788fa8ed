import { DAY_MS } from "../../common/time.js";
import { GENERATION_KEY } from "../../moderation/blocklist.js";
import type { Actor, BlocklistRow, ModerationService } from "../../moderation/types.js";
import type { AppStore } from "../../store/types.js";
import type { BlocklistPageRequest } from "../../whatsapp/backend.js";

/**
 * Every page of the blocklist through the core (docs/CONTRACT.md §7, §10): offsets on On-Premises, cursors on
 * Cloud. When the list changes while it is paged (Cloud's 139102, which the core reports as `restarted`, or a
 * different On-Premises total), the walk starts again from the first page; the caller drops rows it already has.
 */
export interface WalkDeps {
  moderation: Pick<ModerationService, "blocklist">;
  actor: Actor;
  store: AppStore;
  paging: "offset" | "cursor";
  pageSize: number;
  onRestart?: (restarts: number) => void;
}

/** A list that changes at every page is busy with other work: stop rather than walk it for ever. */
export const MAX_RESTARTS = 5;

export class BlocklistKeepsChangingError extends Error {
  constructor() {
    super(
      `the blocklist changed ${MAX_RESTARTS + 1} times while it was being read; run the export again when it is quieter`,
    );
  }
}

export async function* walkBlocklist(deps: WalkDeps): AsyncGenerator<BlocklistRow[]> {
  for (let restarts = 0; restarts <= MAX_RESTARTS; restarts++) {
    if (restarts > 0) deps.onRestart?.(restarts);
    // Pages come fresh from WhatsApp: a cached page from before the change would restart the walk again.
    await invalidateCachedPages(deps.store);
    let request: BlocklistPageRequest | undefined = firstPage(deps);
    let total: number | undefined;
    let changed = false;
    while (request !== undefined) {
      const view = await deps.moderation.blocklist(deps.actor, request);
      changed = view.restarted === true || (total !== undefined && view.total !== total);
      if (changed) break;
      total = view.total;
      yield view.rows;
      request = advance(request, view.next);
    }
    if (!changed) return;
  }
  throw new BlocklistKeepsChangingError();
}

function firstPage(deps: WalkDeps): BlocklistPageRequest {
  return deps.paging === "cursor"
    ? { kind: "cursor", limit: deps.pageSize }
    : { kind: "offset", limit: deps.pageSize, offset: 0 };
}

/** The next page, or the end; a "next" that does not move on would loop, so it ends the walk instead. */
function advance(
  current: BlocklistPageRequest,
  next: BlocklistPageRequest | undefined,
): BlocklistPageRequest | undefined {
  if (next === undefined) return undefined;
  if (next.kind === "offset" && current.kind === "offset" && next.offset <= current.offset) return undefined;
  if (next.kind === "cursor" && current.kind === "cursor" && next.after === current.after) return undefined;
  return next;
}

/**
 * The core keeps blocklist pages for a minute under a generation number that every block and unblock bumps
 * (src/moderation/blocklist.ts); bumping it here is how an export reads the list as it is now. A store that does
 * not answer costs only this freshness: the core then asks WhatsApp directly anyway.
 */
async function invalidateCachedPages(store: AppStore): Promise<void> {
  await store.atomic.increment("cache", GENERATION_KEY, 1, DAY_MS).catch(() => undefined);
}
