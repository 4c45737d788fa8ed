import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WhatsAppBackend } from "../../src/whatsapp/backend.js";
import { WhatsAppApiError } from "../../src/whatsapp/errors.js";
import { type CoreHarness, callsTo, MODERATOR, startCoreHarness } from "../support/core-harness.js";

/** Counts the numbers the backend was asked about, and lets a test hold its answers back. */
function countingBackend(backend: WhatsAppBackend, asked: string[], gate?: Promise<void>): WhatsAppBackend {
  return {
    ...backend,
    checkContacts: async (e164s, options) => {
      asked.push(...e164s);
      await gate;
      return backend.checkContacts(e164s, options);
    },
  };
}

describe("checks of one number at once in one process", () => {
  let dir: string;
  let core: CoreHarness;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "wam-shared-"));
    core = await startCoreHarness({ storeUrl: `sqlite://${join(dir, "store.sqlite")}`, prefix: "shared" });
  });
  afterEach(async () => {
    await core.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("share one look-up: one call to WhatsApp, one look-up of the budget, the same answer for each", async () => {
    const asked: string[] = [];
    const service = core.replica({ backend: countingBackend(core.backend, asked), dailyBudget: 5 });
    const reports = await Promise.all(
      Array.from({ length: 8 }, () => service.check(MODERATOR, { inputs: ["+16315551001"] })),
    );
    expect(asked).toEqual(["+16315551001"]);
    expect(callsTo(core.sandbox, "POST", "/v1/contacts")).toBe(1);
    for (const report of reports) {
      expect(report.rows[0]).toMatchObject({ status: "valid", waId: "16315551001", cached: false });
    }
    // One look-up spent: four more distinct numbers still fit in a budget of 5.
    await expect(
      service.check(MODERATOR, { inputs: ["+16315551002", "+16315551003", "+16315551004", "+16315559998"] }),
    ).resolves.toMatchObject({ budget: { used: 5, limit: 5 } });
  });

  it("look up only the numbers not already under way when checks overlap", async () => {
    const asked: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const service = core.replica({ backend: countingBackend(core.backend, asked, gate) });
    const first = service.check(MODERATOR, { inputs: ["+16315551001", "+16315551002"] });
    const second = service.check(MODERATOR, { inputs: ["+16315551002", "+16315551003"] });
    release();
    const [one, two] = await Promise.all([first, second]);
    expect(asked.sort()).toEqual(["+16315551001", "+16315551002", "+16315551003"]);
    expect(one.rows.map((row) => row.status)).toEqual(["valid", "valid"]);
    expect(two.rows.map((row) => [row.e164, row.status])).toEqual([
      ["+16315551002", "valid"],
      ["+16315551003", "valid"],
    ]);
    expect(two.budget?.used).toBe(3);
  });

  it("give every waiting check the failure of the shared look-up, and the next check asks again", async () => {
    let fail = true;
    let calls = 0;
    const flaky: WhatsAppBackend = {
      ...core.backend,
      checkContacts: async (e164s, options) => {
        calls += 1;
        if (fail) throw new WhatsAppApiError({ code: 1014, title: "Internal error", httpStatus: 500 });
        return core.backend.checkContacts(e164s, options);
      },
    };
    const service = core.replica({ backend: flaky });
    const outcomes = await Promise.allSettled([
      service.check(MODERATOR, { inputs: ["+16315551001"] }),
      service.check(MODERATOR, { inputs: ["+16315551001"] }),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["rejected", "rejected"]);
    for (const outcome of outcomes) {
      if (outcome.status === "rejected") expect(outcome.reason).toBeInstanceOf(WhatsAppApiError);
    }
    expect(calls).toBe(1);
    fail = false;
    await expect(service.check(MODERATOR, { inputs: ["+16315551001"] })).resolves.toMatchObject({
      rows: [expect.objectContaining({ status: "valid", cached: false })],
    });
    expect(calls).toBe(2);
  });

  it("never share a forced check: force asks WhatsApp itself", async () => {
    const asked: string[] = [];
    const service = core.replica({ backend: countingBackend(core.backend, asked) });
    await Promise.all([
      service.check(MODERATOR, { inputs: ["+16315551001"] }),
      service.check(MODERATOR, { inputs: ["+16315551001"], force: true }),
    ]);
    expect(asked).toEqual(["+16315551001", "+16315551001"]);
  });
});
