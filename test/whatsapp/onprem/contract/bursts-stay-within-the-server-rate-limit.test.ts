import { describe, expect, it } from "vitest";
import { WhatsAppApiError } from "../../../../src/whatsapp/errors.js";
import { NO_RETRY_POLICY } from "../../../../src/whatsapp/onprem/index.js";
import { CONTACTS, manualClock, startContract } from "./contract-harness.js";

const DANA = "+16315551001";

function burst(size: number, check: () => Promise<unknown>): Promise<Array<PromiseSettledResult<unknown>>> {
  return Promise.allSettled(Array.from({ length: size }, check));
}

describe("bursts of contact checks against the server's rate limit", () => {
  describe("from a client that neither limits nor retries", () => {
    it("get 429 with code 1015 and Retry-After for the calls over the server's bucket", async () => {
      const clock = manualClock(); // stopped: the server's bucket does not refill during the test
      const { client, statuses } = await startContract({
        sandbox: { now: clock.now, rateLimit: { perSecond: 1, burst: 3 } },
        client: { retry: NO_RETRY_POLICY },
      });

      const settled = await burst(6, () => client.checkContacts([DANA], { blocking: "wait" }));

      const refused = settled.flatMap((result) => (result.status === "rejected" ? [result.reason] : []));
      expect(settled.filter((result) => result.status === "fulfilled")).toHaveLength(3);
      expect(refused).toHaveLength(3);
      for (const error of refused) {
        expect(error).toBeInstanceOf(WhatsAppApiError);
        expect(error).toMatchObject({
          waCode: 1015,
          title: "Too many requests",
          httpStatus: 429,
          retryAfter: 1,
        });
      }
      expect(statuses(CONTACTS).sort()).toEqual([200, 200, 200, 429, 429, 429]);
    });
  });

  describe("from a client whose limiter allows more than the server", () => {
    it("all complete: the calls refused with 429 are retried after Retry-After", async () => {
      const { client, statuses } = await startContract({
        sandbox: { rateLimit: { perSecond: 10, burst: 5 } },
        client: { rateLimit: { perSecond: 20, burst: 10 }, deadlineMs: 10_000 },
      });

      const settled = await burst(20, () => client.checkContacts([DANA], { blocking: "wait" }));

      expect(settled.filter((result) => result.status === "fulfilled")).toHaveLength(20);
      expect(statuses(CONTACTS).filter((status) => status === 200)).toHaveLength(20);
      expect(statuses(CONTACTS)).toContain(429);
    });
  });

  describe("from a client whose limiter stays under the server's", () => {
    it("all complete without a single 429", async () => {
      const { client, statuses } = await startContract({
        sandbox: { rateLimit: { perSecond: 12, burst: 6 } },
        client: { rateLimit: { perSecond: 10, burst: 5 } },
      });

      const settled = await burst(15, () => client.checkContacts([DANA], { blocking: "wait" }));

      expect(settled.filter((result) => result.status === "fulfilled")).toHaveLength(15);
      expect(statuses(CONTACTS)).toEqual(Array.from({ length: 15 }, () => 200));
    });
  });
});
