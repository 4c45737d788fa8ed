import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { WhatsAppTimeoutError } from "../../../../src/whatsapp/errors.js";
import { actionPath, CONTACTS, failureOf, startContract } from "./contract-harness.js";

const DANA = "+16315551001";
const MARCUS = "+16315551002";

describe("retrying calls the On-Premises node could not serve", () => {
  describe("on 429 Too many requests with Retry-After: 1", () => {
    it("waits the second the server asked for, then the check succeeds", async () => {
      const { sandbox, client, statuses } = await startContract();
      sandbox.faults.next({ kind: "status", status: 429, retryAfterSeconds: 1 });

      const started = performance.now();
      const outcome = await client.checkContacts([DANA], { blocking: "wait" });

      expect(performance.now() - started).toBeGreaterThanOrEqual(950);
      expect(outcome.results).toEqual([{ input: DANA, status: "valid", waId: "16315551001" }]);
      expect(statuses(CONTACTS)).toEqual([429, 200]);
    });
  });

  describe("on 503 System overloaded", () => {
    it("tries again until the server recovers, and the block is made", async () => {
      const { sandbox, client, statuses } = await startContract();
      sandbox.faults.next({ kind: "status", status: 503 }, 2);

      await client.block({ e164: DANA });

      expect(statuses(actionPath(DANA, "block"))).toEqual([503, 503, 200]);
      expect(sandbox.state.blocklist).toContain("16315551001");
    });
  });

  describe("on 500 with 1011 Service not ready", () => {
    it("tries an unblock again and it goes through", async () => {
      const { sandbox, client, statuses } = await startContract();
      sandbox.faults.next({ kind: "status", status: 500, code: 1011 });

      await client.unblock({ e164: "+16315551010" });

      expect(statuses(actionPath("+16315551010", "unblock"))).toEqual([500, 200]);
      expect(sandbox.state.blocklist).not.toContain("16315551010");
    });
  });

  describe("a report", () => {
    it("is sent again after a 503, which the server did not act on, and recorded once", async () => {
      const { sandbox, client, statuses } = await startContract();
      sandbox.faults.next({ kind: "status", status: 503 });

      await client.report(MARCUS, { reason: "spam" });

      expect(statuses(actionPath(MARCUS, "report"))).toEqual([503, 200]);
      expect(sandbox.state.reports).toHaveLength(1);
    });

    it("is never sent again after a hang: the caller hears WhatsApp did not answer", async () => {
      const { sandbox, client, calls } = await startContract({ client: { timeoutMs: 150 } });
      sandbox.faults.next({ kind: "hang" });

      const started = performance.now();
      const error = await failureOf(client.report(MARCUS, { reason: "spam" }));

      expect(error).toBeInstanceOf(WhatsAppTimeoutError);
      expect((error as Error).message).toMatch(/did not answer within 150 ms/);
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(calls(actionPath(MARCUS, "report"))).toHaveLength(1);
      expect(sandbox.state.reports).toEqual([]);
    });

    it("unlike a block, which is sent again after a hang and is made", async () => {
      const { sandbox, client, statuses } = await startContract({ client: { timeoutMs: 150 } });
      sandbox.faults.next({ kind: "hang" });

      await client.block({ e164: MARCUS });

      expect(statuses(actionPath(MARCUS, "block"))).toEqual([undefined, 200]);
      expect(sandbox.state.blocklist).toContain("16315551002");
    });
  });
});
