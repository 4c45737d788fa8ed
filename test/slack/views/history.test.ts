import { describe, expect, it } from "vitest";
import type { ContactHistory } from "../../../src/moderation/types.js";
import { renderHistory } from "../../../src/slack/views/history.js";
import { allText, expectWithinSlackLimits, auditRecord as record } from "./block-helpers.js";

const NOW = Date.parse("2030-01-01T12:00:00Z");

const base: ContactHistory = { e164: "+16315551000", display: "+1 631-555-1000", trail: [] };

describe("renderHistory", () => {
  it("lists the trail in the order given (newest first): who, what, when, why, outcome", () => {
    const history: ContactHistory = {
      ...base,
      trail: [
        record({ id: "a2", action: "unblock", at: "2030-01-01T11:00:00Z", actor: "U0TWO" }),
        record({ id: "a1", reason: "spam links", messageId: "ABGGFlA5Fpa" }),
        record({ id: "a0", action: "report", outcome: "refused", waCode: 2048, at: "2029-12-30T12:00:00Z" }),
      ],
    };
    const text = allText(renderHistory(history, NOW).blocks);
    const unblockAt = text.indexOf("*unblock* by <@U0TWO>");
    const blockAt = text.indexOf("*block* by <@U0MOD>");
    expect(unblockAt).toBeGreaterThan(-1);
    expect(blockAt).toBeGreaterThan(unblockAt);
    expect(text).toContain("1 h ago");
    expect(text).toContain("why: spam links");
    expect(text).toContain("message id `ABGGFlA5Fpa`");
    expect(text).toContain(
      "*report* by <@U0MOD> · 2 d ago (2029-12-30 12:00 UTC) · refused · WhatsApp error 2048",
    );
  });

  it("says when the contact last wrote, and when the bot has not seen it write", () => {
    const seen = renderHistory(
      { ...base, lastInboundAt: "2030-01-01T09:00:00Z", lastMessageId: "ABGG1" },
      NOW,
    );
    expect(allText(seen.blocks)).toContain("Last wrote 3 h ago (2030-01-01 09:00 UTC, message id `ABGG1`)");
    expect(allText(renderHistory(base, NOW).blocks)).toContain("the bot has not seen it write");
  });

  it("shows the cached check result", () => {
    const history = {
      ...base,
      lastCheck: { status: "valid" as const, waId: "16315551000", checkedAt: "2029-12-31T12:00:00Z" },
    };
    expect(allText(renderHistory(history, NOW).blocks)).toContain(
      "Last check: *valid*, wa_id `16315551000`, 1 d ago.",
    );
  });

  it("says so when there is no action on record", () => {
    expect(allText(renderHistory(base, NOW).blocks)).toContain("No moderation action on record.");
  });

  it("stays within Slack's 50 blocks with a long trail, saying how many older entries are not shown", () => {
    const trail = Array.from({ length: 120 }, (_, index) =>
      record({ id: `a${index}`, reason: "r".repeat(59) }),
    );
    const message = renderHistory({ ...base, trail }, NOW);
    expectWithinSlackLimits(message.blocks);
    expect(allText(message.blocks)).toContain("The 40 most recent of 120 entries.");
  });

  it("says how many entries the trail holds when it shows only the most recent, and where to read them all", () => {
    const trail = Array.from({ length: 20 }, (_, index) => record({ id: `a${index}` }));
    const text = allText(renderHistory({ ...base, trail, trailTotal: 27 }, NOW).blocks);
    expect(text).toContain("The 20 most recent of 27 entries.");
    expect(text).toContain("`npx wa-moderator audit export`");
    const whole = allText(renderHistory({ ...base, trail, trailTotal: 20 }, NOW).blocks);
    expect(whole).not.toContain("most recent");
  });
});
