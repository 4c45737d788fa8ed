import type { CheckOutcome, ContactResult } from "../whatsapp/backend.js";

/** What one number's upstream look-up answered, for every check in this process that waits for it. */
export interface SharedAnswer {
  result: ContactResult | undefined;
  apiVersion: string | undefined;
  statusIsSignal: boolean;
}

/** What the owned look-up returns: the outcome to share, and whatever else its caller keeps (the budget spent). */
export type OwnedLookUp = { outcome: CheckOutcome };

/**
 * Look-ups of one number at once share one upstream call (docs/CONTRACT.md §6): a burst of checks of a number not
 * cached yet (a spam wave, every moderator checking the same sender) spends one look-up of the daily budget and
 * one call under WhatsApp's rate limit, not one per check. `mode` keeps blocking and non-blocking checks apart.
 */
export interface SharedLookups {
  /**
   * Looks up with `lookUp` the numbers no other check has under way (checks that come meanwhile wait for its
   * answer), and waits for the answers of those another check has. A failure of either is this check's failure.
   */
  share<T extends OwnedLookUp>(
    e164s: string[],
    mode: string,
    lookUp: (owned: string[]) => Promise<T>,
  ): Promise<{ own: T; joined: SharedAnswer[] }>;
}

/** A number's answer within an outcome: what the owner of a look-up and every check joining it read. */
export function answerOf(outcome: CheckOutcome, result: ContactResult | undefined): SharedAnswer {
  return { result, apiVersion: outcome.apiVersion, statusIsSignal: outcome.statusIsSignal };
}

/** One look-up under way: its outcome, by number, for the checks that join it. */
type Pending = Promise<{ outcome: CheckOutcome; results: Map<string, ContactResult> }>;

export function createSharedLookups(): SharedLookups {
  const underWay = new Map<string, Pending>();
  return {
    async share(e164s, mode, lookUp) {
      const joined: Array<Promise<SharedAnswer>> = [];
      const owned: string[] = [];
      for (const e164 of e164s) {
        const another = underWay.get(`${mode} ${e164}`);
        if (another === undefined) owned.push(e164);
        else joined.push(another.then(({ outcome, results }) => answerOf(outcome, results.get(e164))));
      }
      const own = lookUp(owned);
      const pending: Pending = own.then(({ outcome }) => ({
        outcome,
        results: new Map(outcome.results.map((result) => [result.input, result])),
      }));
      const keys = owned.map((e164) => `${mode} ${e164}`);
      for (const key of keys) underWay.set(key, pending);
      // Settled either way, the look-up is no longer under way. The owner sees a failure itself (through `own`),
      // joiners through `pending`, so this branch only forgets.
      const forget = () => {
        for (const key of keys) if (underWay.get(key) === pending) underWay.delete(key);
      };
      pending.then(forget, forget);
      const [ownDone, joinedDone] = await Promise.all([own, Promise.all(joined)]);
      return { own: ownDone, joined: joinedDone };
    },
  };
}
