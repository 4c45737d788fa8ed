import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHistory } from "../../../src/slack/views/history.js";
import { type CoreHarness, MODERATOR, startCoreHarness } from "../../support/core-harness.js";
import { allText } from "../views/block-helpers.js";

/** `/wa-check history` on a long trail (docs/CONTRACT.md §4): the core against the sandbox, rendered as Slack shows it. */

let harness: CoreHarness;
beforeAll(async () => {
  harness = await startCoreHarness({ storeUrl: "sqlite://:memory:", prefix: "history-length" });
});
afterAll(async () => {
  await harness?.close();
});

describe("a history longer than the core reads", () => {
  it("says how many entries there are and that only the most recent are shown", async () => {
    for (let round = 0; round < 11; round++) {
      await harness.service.block(MODERATOR, "+1 631 555 1001", `round ${round}`);
      await harness.service.unblock(MODERATOR, "+1 631 555 1001");
    }
    const history = await harness.service.history(MODERATOR, "+1 631 555 1001");
    const text = allText(renderHistory(history, Date.now()).blocks);
    expect(text).toContain("The 20 most recent of 22 entries.");
    expect(text).toContain("why: round 10");
    expect(text).not.toContain("why: round 0");
  });
});
