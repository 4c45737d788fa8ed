import { performance } from "node:perf_hooks";
import type { Interceptable } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import type { CheckProgress, ContactStatus } from "../../../src/whatsapp/backend.js";
import { WhatsAppBadResponseError } from "../../../src/whatsapp/errors.js";
import { DEFAULT_POLL_POLICY, statusIsSignal } from "../../../src/whatsapp/onprem/index.js";
import { pollDelay } from "../../../src/whatsapp/onprem/poll-policy.js";
import { closeHarnesses, failure, harness, ok } from "./fake-on-prem.js";

afterEach(closeHarnesses);

const CONTACTS = "/v1/contacts";
const A = "+16315551001";
const B = "+16315551002";
const C = "+16315551003";

/**
 * Answers every POST /v1/contacts with `statusOf(number, how many times it was asked)`, rows in reverse order
 * (the server does not promise the request's order).
 */
function contactsServer(
  server: Interceptable,
  statusOf: (input: string, asked: number) => ContactStatus,
  version = "v2.41.2",
): void {
  const asked = new Map<string, number>();
  server
    .intercept({ path: CONTACTS, method: "POST" })
    .reply((request) => {
      const { contacts } = JSON.parse(String(request.body)) as { contacts: string[] };
      const rows = contacts.map((input) => {
        const count = (asked.get(input) ?? 0) + 1;
        asked.set(input, count);
        const status = statusOf(input, count);
        return { input, status, ...(status === "valid" ? { wa_id: input.slice(1) } : {}) };
      });
      return { statusCode: 200, data: ok({ contacts: rows.reverse() }, version) };
    })
    .persist();
}

describe("checking contacts", () => {
  it("sends blocking, contacts and force_check, and keeps the order of the inputs", async () => {
    const { server, client, requests } = harness();
    contactsServer(server, (input) => (input === B ? "invalid" : "valid"));

    const outcome = await client.checkContacts([A, B, C]);

    expect(requests(CONTACTS).map((call) => call.body)).toEqual([
      { blocking: "no_wait", contacts: [A, B, C], force_check: false },
    ]);
    expect(outcome.results).toEqual([
      { input: A, status: "valid", waId: "16315551001" },
      { input: B, status: "invalid" },
      { input: C, status: "valid", waId: "16315551003" },
    ]);
  });

  it("asks for a blocking, forced check when told to", async () => {
    const { server, client, requests } = harness();
    contactsServer(server, () => "valid");

    await client.checkContacts([A], { blocking: "wait", force: true });

    expect(requests(CONTACTS)[0]?.body).toEqual({ blocking: "wait", contacts: [A], force_check: true });
  });

  it("sends a number typed twice once and answers both rows", async () => {
    const { server, client, requests } = harness();
    contactsServer(server, () => "valid");

    const outcome = await client.checkContacts([A, A]);

    expect(requests(CONTACTS)[0]?.body).toMatchObject({ contacts: [A] });
    expect(outcome.results.map((row) => row.input)).toEqual([A, A]);
  });

  it("splits long lists into batches of 50 and keeps the order", async () => {
    const { server, client, requests } = harness();
    contactsServer(server, () => "valid");
    const numbers = Array.from({ length: 120 }, (_, index) => `+1631555${String(index).padStart(4, "0")}`);

    const outcome = await client.checkContacts(numbers);

    expect(requests(CONTACTS).map((call) => (call.body as { contacts: string[] }).contacts.length)).toEqual([
      50, 50, 20,
    ]);
    expect(outcome.results.map((row) => row.input)).toEqual(numbers);
  });

  it("fails with a bad-response error when the answer leaves a number out", async () => {
    const { server, client } = harness();
    server
      .intercept({ path: CONTACTS, method: "POST" })
      .reply(200, ok({ contacts: [{ input: A, status: "valid", wa_id: "16315551001" }] }));

    await expect(client.checkContacts([A, B])).rejects.toBeInstanceOf(WhatsAppBadResponseError);
  });

  describe("when some numbers come back processing", () => {
    it("re-polls only those, without force_check, until final, reporting progress each round", async () => {
      const { server, client, requests } = harness();
      contactsServer(server, (input, asked) => (input === B && asked < 3 ? "processing" : "valid"));
      const progress: CheckProgress[] = [];

      const outcome = await client.checkContacts([A, B], {
        force: true,
        onProgress: (p) => progress.push(p),
      });

      expect(requests(CONTACTS).map((call) => call.body)).toEqual([
        { blocking: "no_wait", contacts: [A, B], force_check: true },
        { blocking: "no_wait", contacts: [B], force_check: false },
        { blocking: "no_wait", contacts: [B], force_check: false },
      ]);
      expect(progress).toEqual([
        { done: 1, total: 2, round: 0 },
        { done: 1, total: 2, round: 1 },
        { done: 2, total: 2, round: 2 },
      ]);
      expect(outcome.results.map((row) => row.status)).toEqual(["valid", "valid"]);
    });

    it("answers still processing after at least 5 re-polls, in bounded time", async () => {
      const { server, client, requests } = harness();
      contactsServer(server, (input) => (input === B ? "processing" : "valid"));
      const rounds: number[] = [];

      const started = performance.now();
      const outcome = await client.checkContacts([A, B], { onProgress: (p) => rounds.push(p.round) });

      expect(performance.now() - started).toBeLessThan(1_000);
      expect(requests(CONTACTS).length).toBeGreaterThanOrEqual(6);
      expect(rounds.slice(0, 6)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(outcome.results).toEqual([
        { input: A, status: "valid", waId: "16315551001" },
        { input: B, status: "processing" },
      ]);
    });

    it("leaves them processing when a re-poll fails, keeping the first answer", async () => {
      const { server, client } = harness();
      server
        .intercept({ path: CONTACTS, method: "POST" })
        .reply(200, ok({ contacts: [{ input: A, status: "processing" }] }));
      server
        .intercept({ path: CONTACTS, method: "POST" })
        .reply(503, failure(1016, "System overloaded"))
        .persist();

      const outcome = await client.checkContacts([A]);

      expect(outcome.results).toEqual([{ input: A, status: "processing" }]);
    });

    it("re-polls at least 5 times within 10 s by default", () => {
      const delays = Array.from({ length: DEFAULT_POLL_POLICY.minRounds }, (_, index) =>
        pollDelay(DEFAULT_POLL_POLICY, index + 1),
      );
      expect(delays.reduce((sum, delay) => sum + delay, 0)).toBeLessThan(7_000);
      expect(DEFAULT_POLL_POLICY.windowMs).toBe(10_000);
    });
  });

  describe("the meaning of a status by API version", () => {
    it("says statuses are signals before v2.43", async () => {
      const { server, client } = harness();
      contactsServer(server, () => "valid", "v2.41.2");

      const outcome = await client.checkContacts([A]);

      expect(outcome).toMatchObject({ apiVersion: "v2.41.2", statusIsSignal: true });
      expect(client.apiVersion()).toBe("v2.41.2");
    });

    it("says statuses mean nothing from v2.43 on", async () => {
      const { server, client } = harness();
      contactsServer(server, () => "valid", "v2.43.1");

      const outcome = await client.checkContacts([A]);

      expect(outcome).toMatchObject({ apiVersion: "v2.43.1", statusIsSignal: false });
      expect(client.apiVersion()).toBe("v2.43.1");
    });

    it.each([
      ["v2.43.1", false],
      ["v2.45", false],
      ["2.43", false],
      ["v3.0.0", false],
      ["v2.42.9", true],
      ["v2.5", true],
      [undefined, true],
    ])("compares %s numerically: signal = %s", (version, expected) => {
      expect(statusIsSignal(version)).toBe(expected);
    });
  });
});
