import { describe, expect, it } from "vitest";
import type { SandboxSeed } from "../../src/sandbox/index.js";
import { DAY, errorOf, loggedIn, manualClock } from "./sandbox-harness.js";

function contactsOf(body: unknown): unknown {
  return (body as { contacts?: unknown } | undefined)?.contacts;
}

const indianBusiness: SandboxSeed = {
  businessNumber: "+919876500100",
  users: [{ wa_id: "916315551002" }, { wa_id: "15162837151" }, { wa_id: "5491156121008" }],
};

describe("POST /v1/contacts", () => {
  describe("number translation", () => {
    it("prepends the business country code to numbers sent without +", async () => {
      const { call } = await loggedIn();
      const response = await call("POST", "/v1/contacts", { blocking: "wait", contacts: ["631-555-1001"] });
      expect(response.body).toEqual({
        contacts: [{ input: "631-555-1001", status: "valid", wa_id: "16315551001" }],
        meta: { api_status: "stable", version: "v2.41.2" },
      });
    });

    it("reads numbers as the server does for a business in India", async () => {
      const { call } = await loggedIn({ seed: indianBusiness });
      const inputs = ["6315551002", "1-631-555-1002", "+1 (516) 283-7151", "+54 9 11 5612-1008"];
      const response = await call("POST", "/v1/contacts", { blocking: "wait", contacts: inputs });
      expect(contactsOf(response.body)).toEqual([
        { input: "6315551002", status: "valid", wa_id: "916315551002" },
        // +91 16315551002 is nobody's number: the implied country code misreads a US number typed without +.
        { input: "1-631-555-1002", status: "invalid" },
        { input: "+1 (516) 283-7151", status: "valid", wa_id: "15162837151" },
        { input: "+54 9 11 5612-1008", status: "valid", wa_id: "5491156121008" },
      ]);
    });

    it("answers the wa_id of accounts whose id differs from the dialled number", async () => {
      const { call } = await loggedIn();
      const response = await call("POST", "/v1/contacts", {
        blocking: "wait",
        contacts: ["+55 11 98765-4321", "+52 55 1234 5678", "+54 11 5612-1008"],
      });
      expect(contactsOf(response.body)).toEqual([
        { input: "+55 11 98765-4321", status: "valid", wa_id: "551187654321" },
        { input: "+52 55 1234 5678", status: "valid", wa_id: "5215512345678" },
        { input: "+54 11 5612-1008", status: "valid", wa_id: "5491156121008" },
      ]);
    });
  });

  describe("numbers that are not WhatsApp users or not numbers at all", () => {
    it("answers invalid without a wa_id", async () => {
      const { call } = await loggedIn();
      const inputs = ["+1 631-555-9999", "call me", "+1 555", "+1234567890123456", "+1-631-555-10O1"];
      const response = await call("POST", "/v1/contacts", { blocking: "wait", contacts: inputs });
      expect(contactsOf(response.body)).toEqual(inputs.map((input) => ({ input, status: "invalid" })));
    });
  });

  describe("with no_wait", () => {
    it("answers processing for a never-seen number, then its final status when asked again", async () => {
      const { call } = await loggedIn();
      const body = { blocking: "no_wait", contacts: ["+16315551002"] };
      expect(contactsOf((await call("POST", "/v1/contacts", body)).body)).toEqual([
        { input: "+16315551002", status: "processing" },
      ]);
      expect(contactsOf((await call("POST", "/v1/contacts", body)).body)).toEqual([
        { input: "+16315551002", status: "valid", wa_id: "16315551002" },
      ]);
    });

    it("is the default blocking mode", async () => {
      const { call } = await loggedIn();
      const response = await call("POST", "/v1/contacts", { contacts: ["+16315551002"] });
      expect(contactsOf(response.body)).toEqual([{ input: "+16315551002", status: "processing" }]);
    });

    it("keeps answering processing for as many rounds as configured", async () => {
      const { call } = await loggedIn({ processingRounds: 3 });
      const body = { contacts: ["+16315551002"] };
      const statuses: unknown[] = [];
      for (let round = 0; round < 4; round += 1) {
        const [row] = contactsOf((await call("POST", "/v1/contacts", body)).body) as Array<{
          status: string;
        }>;
        statuses.push(row?.status);
      }
      expect(statuses).toEqual(["processing", "processing", "processing", "valid"]);
    });

    it("answers malformed numbers invalid at once, without processing", async () => {
      const { call } = await loggedIn();
      const response = await call("POST", "/v1/contacts", { contacts: ["not a number"] });
      expect(contactsOf(response.body)).toEqual([{ input: "not a number", status: "invalid" }]);
    });
  });

  describe("with wait", () => {
    it("answers the final status at once", async () => {
      const { call } = await loggedIn({ processingRounds: 5 });
      const response = await call("POST", "/v1/contacts", { blocking: "wait", contacts: ["+16315551003"] });
      expect(contactsOf(response.body)).toEqual([
        { input: "+16315551003", status: "valid", wa_id: "16315551003" },
      ]);
    });
  });

  describe("the server's 7-day cache", () => {
    it("answers a number checked in the last 7 days at once, even with no_wait", async () => {
      const clock = manualClock();
      // Tokens live 7 days too; a longer one keeps this test about the cache.
      const { call } = await loggedIn({ now: clock.now, tokenTtlMs: 30 * DAY });
      await call("POST", "/v1/contacts", { blocking: "wait", contacts: ["+16315551001"] });
      clock.advance(7 * DAY - 1);
      const response = await call("POST", "/v1/contacts", { contacts: ["+16315551001"] });
      expect(contactsOf(response.body)).toEqual([
        { input: "+16315551001", status: "valid", wa_id: "16315551001" },
      ]);
    });

    it("looks the number up again once the cached answer is 7 days old", async () => {
      const clock = manualClock();
      // Tokens live 7 days too; a longer one keeps this test about the cache.
      const { call } = await loggedIn({ now: clock.now, tokenTtlMs: 30 * DAY });
      await call("POST", "/v1/contacts", { blocking: "wait", contacts: ["+16315551001"] });
      clock.advance(7 * DAY);
      const response = await call("POST", "/v1/contacts", { contacts: ["+16315551001"] });
      expect(contactsOf(response.body)).toEqual([{ input: "+16315551001", status: "processing" }]);
    });

    it("keeps a stale answer until force_check, which sees the number join WhatsApp", async () => {
      const { sandbox, call } = await loggedIn();
      const number = "+16315557777";
      await call("POST", "/v1/contacts", { blocking: "wait", contacts: [number] });
      await sandbox.simulateInbound({ from: number });

      const cached = await call("POST", "/v1/contacts", { contacts: [number] });
      expect(contactsOf(cached.body)).toEqual([{ input: number, status: "invalid" }]);

      const forced = { contacts: [number], force_check: true };
      expect(contactsOf((await call("POST", "/v1/contacts", forced)).body)).toEqual([
        { input: number, status: "processing" },
      ]);
      expect(contactsOf((await call("POST", "/v1/contacts", forced)).body)).toEqual([
        { input: number, status: "valid", wa_id: "16315557777" },
      ]);
    });

    it("finishes a forced look-up when it is re-polled without force_check, instead of answering the old result", async () => {
      const { sandbox, call } = await loggedIn();
      const number = "+16315557778";
      await call("POST", "/v1/contacts", { blocking: "wait", contacts: [number] });
      await sandbox.simulateInbound({ from: number });
      await call("POST", "/v1/contacts", { contacts: [number], force_check: true });

      const repoll = await call("POST", "/v1/contacts", { contacts: [number] });
      expect(contactsOf(repoll.body)).toEqual([{ input: number, status: "valid", wa_id: "16315557778" }]);
      expect(sandbox.state.pendingLookups.size).toBe(0);
    });
  });

  describe("from API v2.43", () => {
    it("answers valid with the input's digits as wa_id, even for non-users, and says its version", async () => {
      const { sandbox, call } = await loggedIn();
      sandbox.setApiVersion("v2.43.0");
      const response = await call("POST", "/v1/contacts", { contacts: ["+1 631-555-9999", "6315551001"] });
      expect(response.body).toEqual({
        contacts: [
          { input: "+1 631-555-9999", status: "valid", wa_id: "16315559999" },
          { input: "6315551001", status: "valid", wa_id: "16315551001" },
        ],
        meta: { api_status: "stable", version: "v2.43.0" },
      });
    });

    it("can be the version the sandbox starts with", async () => {
      const { call } = await loggedIn({ apiVersion: "v2.45.1" });
      const response = await call("POST", "/v1/contacts", { contacts: ["+1 631-555-9999"] });
      expect(contactsOf(response.body)).toEqual([
        { input: "+1 631-555-9999", status: "valid", wa_id: "16315559999" },
      ]);
    });
  });

  describe("a body the server cannot use", () => {
    it("answers 1008 when contacts is missing", async () => {
      const { call } = await loggedIn();
      const response = await call("POST", "/v1/contacts", { blocking: "wait" });
      expect(response.status).toBe(400);
      expect(errorOf(response)).toMatchObject({ code: 1008, title: "Required parameter is missing" });
    });

    it("answers 1009 for a blocking mode it does not know", async () => {
      const { call } = await loggedIn();
      const response = await call("POST", "/v1/contacts", { blocking: "later", contacts: ["+16315551001"] });
      expect(response.status).toBe(400);
      expect(errorOf(response)?.code).toBe(1009);
    });

    it("answers 1010 for a parameter it does not take, so a misspelling is not silently ignored", async () => {
      const { call } = await loggedIn();
      const response = await call("POST", "/v1/contacts", { contacts: ["+16315551001"], forceCheck: true });
      expect(response.status).toBe(400);
      expect(errorOf(response)).toMatchObject({ code: 1010, details: expect.stringContaining("forceCheck") });
    });
  });
});
