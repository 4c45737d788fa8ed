import { describe, expect, it } from "vitest";
import { renderHelp } from "../../../src/slack/views/help.js";
import { allText, expectWithinSlackLimits } from "./block-helpers.js";

describe("renderHelp", () => {
  const text = allText(renderHelp().blocks);

  it.each([
    "/wa-check <numbers> [--force] [--wait]",
    "/wa-check block <number> [reason]",
    "/wa-check unblock <number>",
    "/wa-check report <number> [message_id] [--block] [reason]",
    "/wa-check blocklist [page]",
    "/wa-check history <number>",
  ])("documents %s", (form) => {
    expect(text).toContain(form);
  });

  it("mentions --public, the reason limit and the Report sender shortcut", () => {
    expect(text).toContain("--public");
    expect(text).toContain("under 60 characters");
    expect(text).toContain("Report sender");
  });

  it("stays within Slack's limits", () => {
    expectWithinSlackLimits(renderHelp().blocks);
  });
});
