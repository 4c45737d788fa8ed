import { describe, expect, it } from "vitest";
import type { ActionResult } from "../../../src/moderation/types.js";
import { renderActionResult } from "../../../src/slack/views/action-result.js";
import { allText } from "./block-helpers.js";

function result(overrides: Partial<ActionResult> & Pick<ActionResult, "action">): ActionResult {
  return {
    contact: "+16315551000",
    warnings: [],
    record: {
      id: "audit-7",
      at: "2030-01-01T12:00:00Z",
      actor: "U0MOD",
      action: overrides.action,
      contact: "+16315551000",
      outcome: "ok",
    },
    ...overrides,
  };
}

describe("renderActionResult", () => {
  it("says a number was blocked, by whom, why, with the audit id", () => {
    const blocked = result({ action: "block" });
    blocked.record.reason = "spam";
    const text = allText(renderActionResult(blocked).blocks);
    expect(text).toContain("Blocked *+1 631-555-1000*");
    expect(text).toContain("by <@U0MOD> · reason: spam · audit id `audit-7`");
  });

  it("says a number was unblocked", () => {
    expect(allText(renderActionResult(result({ action: "unblock" })).blocks)).toContain(
      "Unblocked *+1 631-555-1000*",
    );
  });

  it("names the reported message id, and says when the number was blocked too", () => {
    const reported = result({ action: "report" });
    reported.record.messageId = "ABGGFlA5FpafAgo6EhGh1xQ2exhH";
    reported.record.alsoBlock = true;
    expect(allText(renderActionResult(reported).blocks)).toContain(
      "Reported *+1 631-555-1000* to WhatsApp with message id `ABGGFlA5FpafAgo6EhGh1xQ2exhH` and blocked it.",
    );
  });

  it("says WhatsApp got the last 5 messages when no message id was given", () => {
    expect(allText(renderActionResult(result({ action: "report" })).blocks)).toContain(
      "with its last 5 messages",
    );
  });

  it("shows the phone warnings of the number acted on", () => {
    const warned = result({
      action: "block",
      warnings: [{ code: "country_implied", message: "read with the business country code +91" }],
    });
    expect(allText(renderActionResult(warned).blocks)).toContain(
      ":warning: read with the business country code +91",
    );
  });

  it("gives a plain fallback text for notifications", () => {
    expect(renderActionResult(result({ action: "unblock" })).text).toMatch(/^Unblocked \*\+1 631-555-1000\*/);
  });
});
