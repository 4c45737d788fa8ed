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

export function createSharedLookups(): SharedLookups {
  const underWay = new Map<string, Promise<SharedAnswer>>();
  return {
    async share(e164s, mode, lookUp) {
      const joined: Array<Promise<SharedAnswer>> = [];
      const owned: string[] = [];
      for (const e164 of e164s) {
        const answer = underWay.get(`${mode} ${e164}`);
        if (answer === undefined) owned.push(e164);
        else joined.push(answer);
      }
      const own = lookUp(owned);
      const byNumber = own.then(({ outcome }) => ({
        outcome,
        results: new Map(outcome.results.map((result) => [result.input, result])),
      }));
      for (const e164 of owned) {
        const key = `${mode} ${e164}`;
        const answer = byNumber.then(({ outcome, results }) => ({
          result: results.get(e164),
          apiVersion: outcome.apiVersion,
          statusIsSignal: outcome.statusIsSignal,
        }));
        // The owner sees a failure itself; joiners, if any, get it from `answer`.
        answer.catch(() => undefined);
        underWay.set(key, answer);
        const forget = () => {
          if (underWay.get(key) === answer) underWay.delete(key);
        };
        answer.then(forget, forget);
      }
      const [ownDone, joinedDone] = await Promise.all([own, Promise.all(joined)]);
      return { own: ownDone, joined: joinedDone };
    },
  };
}
