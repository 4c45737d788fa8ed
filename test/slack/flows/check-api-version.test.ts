import { afterEach, describe, expect, it } from "vitest";
import { renderCheckResult } from "../../../src/slack/views/check-result.js";
import { type CoreHarness, MODERATOR, startCoreHarness } from "../../support/core-harness.js";
import { allText } from "../views/block-helpers.js";

/**
 * The v2.43 note follows where each answer came from (docs/CONTRACT.md §4): the core against the sandbox as an
 * On-Premises server whose API version changes between two checks, rendered as Slack shows it.
 */

let harness: CoreHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function checkShown(core: CoreHarness, inputs: string[], force = false): Promise<string> {
  const report = await core.service.check(MODERATOR, { inputs, force });
  return allText(renderCheckResult(report).blocks);
}

describe("a check after the server leaves API v2.43", () => {
  it("no longer says the server's valid means nothing; it names the cached answers instead", async () => {
    harness = await startCoreHarness({
      storeUrl: "sqlite://:memory:",
      prefix: "api-version",
      sandbox: { apiVersion: "v2.43.0" },
    });
    const first = await checkShown(harness, ["+1 631 555 1003"]);
    expect(first).toContain("This WhatsApp server runs API v2.43.0");

    harness.sandbox.setApiVersion("v2.41.2");
    const again = await checkShown(harness, ["+1 631 555 1003"]);
    expect(again).not.toContain("This WhatsApp server runs API");
    expect(again).toContain("1 answer came from the cache, saved when the server ran API v2.43.0");

    const forced = await checkShown(harness, ["+1 631 555 1003"], true);
    expect(forced).not.toContain('"valid" does not mean');
    expect(forced).toContain("*valid*: has a WhatsApp account");
  });
});
