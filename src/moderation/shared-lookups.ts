import type { CheckOutcome, ContactResult } from "../whatsapp/backend.js";

/** What one number's upstream look-up answered, for every check in this process that waits for it. */
export interface SharedAnswer {
  result: ContactResult | undefined;
  apiVersion: string | undefined;
  statusIsSignal: boolean;
}

export interface LookupClaim {
  /** The answers of look-ups another check already has under way for some of the numbers. */
  joined: Array<Promise<SharedAnswer>>;
  /** The numbers this check looks up itself; checks that come meanwhile wait for its answer instead. */
  owned: string[];
  /** Hands over the owned look-up's outcome (or failure); call it once, whatever happens. */
  settle(outcome: Promise<CheckOutcome>): void;
}

/**
 * Look-ups of one number at once share one upstream call (docs/CONTRACT.md §6): a burst of checks of a number not
 * cached yet (a spam wave, every moderator checking the same sender) spends one look-up of the daily budget and
 * one call under WhatsApp's rate limit, not one per check. `mode` keeps blocking and non-blocking checks apart.
 */
export interface SharedLookups {
  claim(e164s: string[], mode: string): LookupClaim;
}

export function createSharedLookups(): SharedLookups {
  const underWay = new Map<string, Promise<SharedAnswer>>();
  return {
    claim(e164s, mode) {
      const joined: Array<Promise<SharedAnswer>> = [];
      const owned: string[] = [];
      for (const e164 of e164s) {
        const answer = underWay.get(`${mode} ${e164}`);
        if (answer === undefined) owned.push(e164);
        else joined.push(answer);
      }
      let settle: (outcome: Promise<CheckOutcome>) => void = () => undefined;
      const outcome = new Promise<CheckOutcome>((resolve) => {
        settle = resolve;
      });
      const byNumber = outcome.then((answered) => ({
        answered,
        results: new Map(answered.results.map((result) => [result.input, result])),
      }));
      for (const e164 of owned) {
        const key = `${mode} ${e164}`;
        const answer = byNumber.then(({ answered, results }) => ({
          result: results.get(e164),
          apiVersion: answered.apiVersion,
          statusIsSignal: answered.statusIsSignal,
        }));
        // The owner sees a failure itself; joiners, if any, get it from `answer`.
        answer.catch(() => undefined);
        underWay.set(key, answer);
        const forget = () => {
          if (underWay.get(key) === answer) underWay.delete(key);
        };
        answer.then(forget, forget);
      }
      return { joined, owned, settle };
    },
  };
}
