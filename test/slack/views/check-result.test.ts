import { describe, expect, it } from "vitest";
import type { CheckReport, CheckRow } from "../../../src/moderation/types.js";
import { ActionId } from "../../../src/slack/ids.js";
import { decodeRecheckValue, decodeRowValue } from "../../../src/slack/input/button-values.js";
import { renderCheckResult } from "../../../src/slack/views/check-result.js";
import { allText, buttons, expectWithinSlackLimits } from "./block-helpers.js";

function report(rows: CheckRow[], overrides: Partial<CheckReport> = {}): CheckReport {
  return {
    rows,
    source: "whatsapp",
    statusIsSignal: true,
    budget: { used: 12, limit: 200, resetsAt: "2030-01-02T00:00:00.000Z" },
    ...overrides,
  };
}

const valid: CheckRow = {
  input: "+1 (631) 555-1000",
  e164: "+16315551000",
  warnings: [],
  status: "valid",
  waId: "16315551000",
  cached: true,
  ageMs: 3 * 3600_000,
};

describe("renderCheckResult", () => {
  describe("a valid number from the cache", () => {
    const message = renderCheckResult(report([valid]));
    const text = allText(message.blocks);

    it("shows what was typed, the number formatted for people and the E.164 form", () => {
      expect(text).toContain("`+1 (631) 555-1000`");
      expect(text).toContain("+1 631-555-1000");
      expect(text).toContain("+16315551000");
    });

    it("shows the status, the wa_id and how old the cached answer is", () => {
      expect(text).toContain("*valid*: has a WhatsApp account");
      expect(text).toContain("wa_id `16315551000`");
      expect(text).toContain("cached 3 h ago");
    });

    it("offers Block with a confirm dialog and Report, carrying the number", () => {
      const [block, reportButton] = buttons(message.blocks);
      expect(block?.action_id).toBe(ActionId.CheckBlock);
      expect(block?.style).toBe("danger");
      expect(block?.confirm?.title?.text).toBe("Block +1 631-555-1000?");
      expect(decodeRowValue(block?.value)).toBe("+16315551000");
      expect(reportButton?.action_id).toBe(ActionId.CheckReport);
      expect(decodeRowValue(reportButton?.value)).toBe("+16315551000");
    });

    it("tells the day's budget", () => {
      expect(text).toContain("Uncached checks today: 12 of 200");
    });

    it("says no look-up was spent when the core reports no budget (all cached)", () => {
      const { budget: _spent, ...cachedOnly } = report([valid]);
      expect(allText(renderCheckResult(cachedOnly).blocks)).toContain("no look-up spent");
    });

    it("says the answer is fresh when it did not come from a cache", () => {
      const fresh = renderCheckResult(report([{ ...valid, cached: false, ageMs: 0 }]));
      expect(allText(fresh.blocks)).toContain("fresh");
    });
  });

  describe("from API v2.43 on", () => {
    const fresh: CheckRow = { ...valid, cached: false, ageMs: 0, statusIsSignal: false };
    const message = renderCheckResult(report([fresh], { statusIsSignal: false, apiVersion: "v2.45.1" }));
    const text = allText(message.blocks);

    it('says plainly that "valid" does not mean the contact has WhatsApp', () => {
      expect(text).toContain("v2.45.1");
      expect(text).toContain('"valid" does not mean the contact has WhatsApp');
      expect(text).not.toContain("has a WhatsApp account");
    });

    it("marks the wa_id as not trustworthy", () => {
      expect(text).toContain("(not trustworthy)");
    });
  });

  describe("answers kept from a v2.43 server, checked again once the server reports another version", () => {
    const kept: CheckRow = { ...valid, statusIsSignal: false, apiVersion: "v2.43.1" };
    const now: CheckRow = { ...valid, input: "+1 631 555 1001", e164: "+16315551001", statusIsSignal: true };
    const text = allText(
      renderCheckResult(report([kept, now], { statusIsSignal: false, apiVersion: "v2.41.2" })).blocks,
    );

    it("does not say the server runs a version where valid means nothing", () => {
      expect(text).not.toContain("This WhatsApp server runs API");
      expect(text).not.toContain("v2.41.2");
    });

    it("names the cached answers, the version they came from and how to ask again", () => {
      expect(text).toContain("1 answer came from the cache, saved when the server ran API v2.43.1");
      expect(text).toContain("`--force`");
      expect(text).toContain("*valid*: has a WhatsApp account");
      expect(text).toContain("(not trustworthy)");
    });
  });

  describe("a check where no number could be read", () => {
    const unreadable: CheckRow = {
      input: "call me",
      warnings: [],
      status: "unparseable",
      refusal: "it has letters",
      cached: false,
    };
    const { budget: _none, ...nothingSpent } = report([unreadable, { ...unreadable, input: "later" }]);
    const text = allText(renderCheckResult(nothingSpent).blocks);

    it("says nothing was asked of WhatsApp, neither its contact check nor the cache", () => {
      expect(text).toContain("No number could be read, so nothing was asked of WhatsApp.");
      expect(text).not.toContain("Answered by WhatsApp's contact check");
      expect(text).not.toMatch(/cache/i);
    });
  });

  it("keeps Re-check within Slack's 2,000 characters for twenty long inputs full of quotes", () => {
    const rows = Array.from({ length: 20 }, (_, index): CheckRow => {
      const e164 = `+1631555${String(1000 + index)}`;
      return {
        ...valid,
        status: "processing",
        e164,
        input: `"+1 631 555 ${1000 + index}" ${'"'.repeat(44)}`,
      };
    });
    const message = renderCheckResult(report(rows));
    expectWithinSlackLimits(message.blocks);
    const recheck = buttons(message.blocks).find((b) => b.action_id === ActionId.Recheck);
    const inputs = decodeRecheckValue(recheck?.value);
    expect(inputs).toHaveLength(20);
    // Each input is re-sent as typed or as the number it was read as: never dropped, never cut.
    for (const [index, input] of inputs.entries()) {
      expect([rows[index]?.input, rows[index]?.e164]).toContain(input);
    }
  });

  describe("a number WhatsApp is still processing", () => {
    const processing: CheckRow = { ...valid, status: "processing", cached: false, ageMs: 0 };
    const message = renderCheckResult(report([processing, valid]));

    it("gets a Re-check button that re-checks every number of the message", () => {
      const recheck = buttons(message.blocks).find((b) => b.action_id === ActionId.Recheck);
      expect(recheck).toBeDefined();
      expect(decodeRecheckValue(recheck?.value)).toEqual(["+1 (631) 555-1000", "+1 (631) 555-1000"]);
      expect(allText(message.blocks)).toContain("still being processed");
    });

    it("leaves Re-check off the rows that are final", () => {
      expect(buttons(message.blocks).filter((b) => b.action_id === ActionId.Recheck)).toHaveLength(1);
    });
  });

  describe("an input that is not a number", () => {
    const message = renderCheckResult(
      report([
        { input: "call me", warnings: [], status: "unparseable", refusal: "it has letters", cached: false },
      ]),
    );

    it("says why and offers no button", () => {
      expect(allText(message.blocks)).toContain("*not a number*: it has letters");
      expect(buttons(message.blocks)).toHaveLength(0);
    });
  });

  it("shows each warning of a row", () => {
    const warned: CheckRow = {
      ...valid,
      warnings: [{ code: "country_implied", message: "no + typed: read with the business country code +91" }],
    };
    const text = allText(renderCheckResult(report([warned])).blocks);
    expect(text).toContain(":warning: no + typed: read with the business country code +91");
  });

  it("escapes what was typed so it cannot inject mentions or links", () => {
    const sneaky: CheckRow = { ...valid, input: "<!channel> +16315551000" };
    const text = allText(renderCheckResult(report([sneaky])).blocks);
    expect(text).not.toContain("<!channel>");
    expect(text).toContain("&lt;!channel&gt;");
  });

  it("stays within Slack's limits with twenty numbers, each with warnings", () => {
    const rows = Array.from({ length: 20 }, (_, index) => ({
      ...valid,
      status: "processing" as const,
      input: `+1 631 555 ${String(1000 + index)} ${"x".repeat(40)}`,
      warnings: [{ code: "did_you_mean" as const, message: "w".repeat(400) }],
    }));
    expectWithinSlackLimits(renderCheckResult(report(rows)).blocks);
  });
});
