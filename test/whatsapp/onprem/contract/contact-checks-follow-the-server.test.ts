import { describe, expect, it } from "vitest";
import type { SandboxSeed } from "../../../../src/sandbox/index.js";
import type { CheckProgress } from "../../../../src/whatsapp/backend.js";
import { CONTACTS, DAY, manualClock, startContract } from "./contract-harness.js";

const DANA = "+16315551001"; // a WhatsApp user
const MARCUS = "+16315551002"; // a WhatsApp user
const NOBODY = "+16315559999"; // well formed, not on WhatsApp
const NEWCOMER = "+447700900123"; // not on WhatsApp until it writes

const indianBusiness: SandboxSeed = {
  businessNumber: "+919876500100",
  users: [{ wa_id: "916315551002" }, { wa_id: "15162837151" }, { wa_id: "5491156121008" }],
};

describe("checking contacts against the On-Premises node", () => {
  describe("with blocking: wait", () => {
    it("answers valid with the wa_id for users and invalid for others, in one call", async () => {
      const { client, calls, sandbox } = await startContract({ sandbox: { processingRounds: 3 } });

      const outcome = await client.checkContacts([DANA, NOBODY], { blocking: "wait" });

      expect(outcome.results).toEqual([
        { input: DANA, status: "valid", waId: "16315551001" },
        { input: NOBODY, status: "invalid" },
      ]);
      expect(calls(CONTACTS)).toHaveLength(1);
      expect(sandbox.state.pendingLookups.size).toBe(0);
    });

    it("answers the account's wa_id when it differs from the number dialled", async () => {
      const { client } = await startContract();

      const outcome = await client.checkContacts(["+5511987654321"], { blocking: "wait" });

      expect(outcome.results).toEqual([{ input: "+5511987654321", status: "valid", waId: "551187654321" }]);
    });

    it("gets numbers typed without + read with the business number's country code", async () => {
      const { client } = await startContract({ sandbox: { seed: indianBusiness } });
      const typed = ["6315551002", "1-631-555-1002", "+1 (516) 283-7151", "+54 9 11 5612-1008"];

      const outcome = await client.checkContacts(typed, { blocking: "wait" });

      expect(outcome.results).toEqual([
        { input: "6315551002", status: "valid", waId: "916315551002" },
        { input: "1-631-555-1002", status: "invalid" }, // +91 16315551002: nobody's number
        { input: "+1 (516) 283-7151", status: "valid", waId: "15162837151" },
        { input: "+54 9 11 5612-1008", status: "valid", waId: "5491156121008" },
      ]);
    });
  });

  describe("with blocking: no_wait (the default)", () => {
    it("re-polls numbers still processing until final, reporting progress each round", async () => {
      const { client, calls } = await startContract({ sandbox: { processingRounds: 3 } });
      await client.checkContacts([DANA], { blocking: "wait" }); // now in the server's cache
      const progress: CheckProgress[] = [];

      const outcome = await client.checkContacts([DANA, MARCUS, NOBODY], {
        onProgress: (step) => progress.push(step),
      });

      expect(outcome.results).toEqual([
        { input: DANA, status: "valid", waId: "16315551001" },
        { input: MARCUS, status: "valid", waId: "16315551002" },
        { input: NOBODY, status: "invalid" },
      ]);
      expect(progress).toEqual([
        { done: 1, total: 3, round: 0 },
        { done: 1, total: 3, round: 1 },
        { done: 1, total: 3, round: 2 },
        { done: 3, total: 3, round: 3 },
      ]);
      expect(calls(CONTACTS)).toHaveLength(1 + 4);
    });

    it("answers still processing after at least 5 re-polls when the server never finishes", async () => {
      const { client, calls } = await startContract({ sandbox: { processingRounds: 50 } });
      const rounds: number[] = [];

      const outcome = await client.checkContacts([MARCUS], { onProgress: (step) => rounds.push(step.round) });

      expect(outcome.results).toEqual([{ input: MARCUS, status: "processing" }]);
      expect(rounds.slice(0, 6)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(calls(CONTACTS).length).toBeGreaterThanOrEqual(6);
      expect(calls(CONTACTS).length).toBeLessThan(50);
    });
  });

  describe("with the server's 7-day cache", () => {
    it("gets the cached answer unless forced, and a fresh look-up with force", async () => {
      const clock = manualClock();
      const { sandbox, client } = await startContract({ sandbox: { now: clock.now } });
      await client.checkContacts([NEWCOMER], { blocking: "wait" });
      await sandbox.simulateInbound({ from: NEWCOMER }); // it joins WhatsApp after the first check
      clock.advance(6 * DAY);

      const cached = await client.checkContacts([NEWCOMER], { blocking: "wait" });
      const forced = await client.checkContacts([NEWCOMER], { blocking: "wait", force: true });

      expect(cached.results).toEqual([{ input: NEWCOMER, status: "invalid" }]);
      expect(forced.results).toEqual([{ input: NEWCOMER, status: "valid", waId: "447700900123" }]);
    });

    it("looks the number up again once the cached answer is 7 days old", async () => {
      const clock = manualClock();
      const { sandbox, client } = await startContract({ sandbox: { now: clock.now } });
      await client.checkContacts([NEWCOMER], { blocking: "wait" });
      await sandbox.simulateInbound({ from: NEWCOMER });
      clock.advance(7 * DAY);

      const outcome = await client.checkContacts([NEWCOMER], { blocking: "wait" });

      expect(outcome.results).toEqual([{ input: NEWCOMER, status: "valid", waId: "447700900123" }]);
    });
  });

  describe("API versions", () => {
    it("reports the server's version and treats statuses as meaningful before v2.43", async () => {
      const { client } = await startContract();

      const outcome = await client.checkContacts([NOBODY], { blocking: "wait" });

      expect(outcome).toMatchObject({ apiVersion: "v2.41.2", statusIsSignal: true });
      expect(client.apiVersion()).toBe("v2.41.2");
    });

    it("says statuses mean nothing once the server moves to v2.43, where every number is valid, cached or not", async () => {
      const { sandbox, client } = await startContract();
      await client.checkContacts([NOBODY], { blocking: "wait" });
      sandbox.setApiVersion("v2.43.0");

      const outcome = await client.checkContacts([NOBODY], { blocking: "wait" });

      expect(outcome).toEqual({
        results: [{ input: NOBODY, status: "valid", waId: "16315559999" }],
        apiVersion: "v2.43.0",
        statusIsSignal: false,
      });
      expect(client.apiVersion()).toBe("v2.43.0");
    });
  });
});
