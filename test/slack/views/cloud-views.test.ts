import { describe, expect, it } from "vitest";
import type { ActionResult, BlocklistView, CheckReport } from "../../../src/moderation/types.js";
import { ActionId } from "../../../src/slack/ids.js";
import { decodeRowValue, decodeUnblockValue } from "../../../src/slack/input/button-values.js";
import { renderActionResult } from "../../../src/slack/views/action-result.js";
import { renderBlocklistPage } from "../../../src/slack/views/blocklist-page.js";
import { renderCheckResult } from "../../../src/slack/views/check-result.js";
import { allText, buttons, expectWithinSlackLimits } from "./block-helpers.js";

/** What the Block Kit builders show for answers only the Cloud API gives. */

const NOW = Date.parse("2030-01-01T12:00:00Z");
const BSUID = "US.13491208655302741918";

describe("a check answered from what the bot knows (Cloud API)", () => {
  const report: CheckReport = {
    source: "local",
    statusIsSignal: false,
    rows: [
      {
        input: "+16315551001",
        e164: "+16315551001",
        warnings: [],
        status: "unchecked",
        cached: false,
        local: {
          bsuid: "US.1000000000000000001",
          username: "@dana",
          blockedHere: true,
          lastAction: { action: "block", outcome: "ok", at: "2030-01-01T10:00:00Z", actor: "U0MOD" },
          lastInboundAt: "2030-01-01T09:00:00Z",
          windowOpen: true,
        },
      },
      { input: BSUID, bsuid: BSUID, warnings: [], status: "unchecked", cached: false, local: {} },
    ],
  };
  const message = renderCheckResult(report, NOW);
  const text = allText(message.blocks);

  it("says no contact check exists and none was sent, and never that a number has WhatsApp", () => {
    expect(text).toContain("WhatsApp's Cloud API has no contact check, and none was sent");
    expect(text).toContain("No look-up spent");
    expect(text).not.toMatch(/has a WhatsApp account/);
  });

  it("names the source of each fact", () => {
    expect(text).toContain("_From webhooks:_ BSUID `US.1000000000000000001`, username @dana");
    expect(text).toContain("_From the relay:_ last wrote 3 h ago (24-hour window open)");
    expect(text).toContain("_From the audit trail:_ last block ok 2 h ago; blocked by this bot");
    expect(text).toContain("_From the relay:_ not seen writing");
    expect(text).toContain("_From the audit trail:_ no moderation action recorded");
  });

  it("gives a contact known only by its BSUID Block and Report buttons that carry the BSUID", () => {
    const rowButtons = buttons(message.blocks).filter((b) => b.action_id === ActionId.CheckBlock);
    expect(rowButtons.map((b) => decodeRowValue(b.value))).toEqual(["+16315551001", BSUID]);
    expectWithinSlackLimits(message.blocks);
  });
});

describe("a report the Cloud API cannot take", () => {
  it("says it was recorded here only because WhatsApp offers businesses no report API", () => {
    const result: ActionResult = {
      action: "report",
      contact: BSUID,
      recordedOnly: true,
      warnings: [],
      record: {
        id: "audit-1",
        at: "2030-01-01T12:00:00Z",
        actor: "U0MOD",
        action: "report",
        contact: BSUID,
        outcome: "ok",
        alsoBlock: true,
        messageId: "wamid.X1",
      },
    };
    const text = allText(renderActionResult(result).blocks);
    expect(text).toContain(`Recorded the report of *${BSUID}* (message id \`wamid.X1\`) and blocked it.`);
    expect(text).toContain("WhatsApp offers businesses no report API");
  });
});

describe("a blocklist page on cursors", () => {
  const view: BlocklistView = {
    rows: [{ bsuid: BSUID, username: "@spammer", display: BSUID }],
    page: 1,
    pageSize: 10,
    shown: { kind: "cursor", limit: 10 },
    restarted: true,
  };
  const message = renderBlocklistPage(view);

  it("says the list changed and this is page one again", () => {
    expect(allText(message.blocks)).toContain(
      "The blocklist changed while it was being paged: back to page 1.",
    );
  });

  it("shows a contact known only by its BSUID with its username, and unblocks it by BSUID", () => {
    expect(allText(message.blocks)).toContain(`*@spammer (${BSUID})*`);
    const [unblock] = buttons(message.blocks).filter((b) => b.action_id === ActionId.BlocklistUnblock);
    expect(decodeUnblockValue(unblock?.value).waId).toBe(BSUID);
  });
});
