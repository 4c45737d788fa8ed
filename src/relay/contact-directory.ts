import { DAY_MS } from "../common/time.js";
import type { ContactDirectory, ContactIdentity } from "../moderation/types.js";
import type { AppStore } from "../store/types.js";
import type { IdentityUpdate } from "./types.js";

/**
 * The BSUID ↔ wa_id ↔ username map learned from every Cloud webhook (docs/CONTRACT.md §1.3), on the store, so
 * every replica reads what any of them learned. Each identity is written under each of its ids.
 */
export interface StoreContactDirectory extends ContactDirectory {
  /** Merges what one webhook says into what is known of that user: newer facts win, absent ones are kept. */
  learn(update: IdentityUpdate): Promise<void>;
}

export interface ContactDirectoryOptions {
  now?: () => number;
}

// A contact who wrote once may be checked or blocked months later; every webhook naming them renews the year.
const IDENTITY_TTL_MS = 365 * DAY_MS;

// The relay's namespace (docs/CONTRACT.md §6 lists the BSUID map beside dedupe keys and last-inbound times);
// the "identity:" keys share no prefix with the inbound log's or the thread index's.
const NAMESPACE = "relay";
const waIdKey = (waId: string) => `identity:wa:${waId}`;
const bsuidKey = (bsuid: string) => `identity:bsuid:${bsuid}`;

/** The facts an update states; absent ones are left out so that they do not erase known ones. */
function statedFacts(update: IdentityUpdate): Omit<ContactIdentity, "seenAt"> {
  return {
    ...(update.waId ? { waId: update.waId } : {}),
    ...(update.bsuid ? { bsuid: update.bsuid } : {}),
    ...(update.username ? { username: update.username } : {}),
  };
}

export function createStoreContactDirectory(
  store: Pick<AppStore, "namespace">,
  options: ContactDirectoryOptions = {},
): StoreContactDirectory {
  const identities = store.namespace<ContactIdentity>(NAMESPACE);
  const now = options.now ?? Date.now;

  const known = async (keys: string[]): Promise<ContactIdentity[]> => {
    const found = await Promise.all(keys.map((key) => identities.get(key)));
    return found
      .filter((identity): identity is ContactIdentity => identity !== undefined)
      .sort((a, b) => a.seenAt.localeCompare(b.seenAt));
  };

  return {
    byWaId: (waId) => identities.get(waIdKey(waId)),
    byBsuid: (bsuid) => identities.get(bsuidKey(bsuid)),
    async learn(update) {
      const { waId, bsuid, previousBsuid } = update;
      const keysOf = (ids: { waId?: string | undefined; bsuid?: string | undefined }) => [
        ...(ids.waId ? [waIdKey(ids.waId)] : []),
        ...(ids.bsuid ? [bsuidKey(ids.bsuid)] : []),
      ];
      const previousKeys = previousBsuid ? [bsuidKey(previousBsuid)] : [];
      // Oldest first, so the newest record's facts win, and the update's over all of them.
      const merged: ContactIdentity = Object.assign(
        {},
        ...(await known([...previousKeys, ...keysOf({ waId, bsuid })])),
        statedFacts(update),
        { seenAt: new Date(now()).toISOString() },
      );
      // The previous BSUID keeps leading to the user: a blocklist row or an old relayed post may still name it.
      const targets = new Set([...keysOf(merged), ...previousKeys]);
      await Promise.all([...targets].map((key) => identities.set(key, merged, IDENTITY_TTL_MS)));
    },
  };
}
