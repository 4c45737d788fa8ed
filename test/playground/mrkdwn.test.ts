import { describe, expect, it } from "vitest";
import { renderMrkdwn } from "../../src/playground/mrkdwn.js";

const names = { U0PLAYMOD: "you", C0AUDIT: "moderation-audit" };

describe("renderMrkdwn (the playground's Slack mrkdwn, docs/CONTRACT.md §9)", () => {
  it("reads bold, italic, strike and code", () => {
    expect(renderMrkdwn("*Blocked* _now_ ~old~ `+1 631`", names)).toEqual([
      { t: "b", c: [{ t: "text", v: "Blocked" }] },
      { t: "text", v: " " },
      { t: "i", c: [{ t: "text", v: "now" }] },
      { t: "text", v: " " },
      { t: "s", c: [{ t: "text", v: "old" }] },
      { t: "text", v: " " },
      { t: "code", v: "+1 631" },
    ]);
  });

  it("nests styles and keeps markers inside words as text", () => {
    expect(renderMrkdwn("*a _b_*", names)).toEqual([
      {
        t: "b",
        c: [
          { t: "text", v: "a " },
          { t: "i", c: [{ t: "text", v: "b" }] },
        ],
      },
    ]);
    expect(renderMrkdwn("snake_case_name 2*3*4", names)).toEqual([{ t: "text", v: "snake_case_name 2*3*4" }]);
  });

  it("builds links and mentions only from Slack's <…> syntax, with names", () => {
    expect(
      renderMrkdwn("<@U0PLAYMOD> in <#C0AUDIT> <https://example.com/a_b_c|the _docs_> <!here>", names),
    ).toEqual([
      { t: "mention", v: "@you" },
      { t: "text", v: " in " },
      { t: "mention", v: "#moderation-audit" },
      { t: "text", v: " " },
      { t: "link", href: "https://example.com/a_b_c", v: "the _docs_" },
      { t: "text", v: " " },
      { t: "mention", v: "@here" },
    ]);
    expect(renderMrkdwn("https://example.com", names)).toEqual([{ t: "text", v: "https://example.com" }]);
  });

  it("never makes a link of another scheme, and shows escaped text as text", () => {
    expect(renderMrkdwn("<javascript:alert(1)|click>", names)).toEqual([{ t: "text", v: "click" }]);
    expect(renderMrkdwn("&lt;script&gt; &amp; <b>", names)).toEqual([
      { t: "text", v: "<script> & " },
      { t: "text", v: "b" },
    ]);
  });

  it("shows a date by its fallback, line breaks, code blocks and known emoji", () => {
    expect(renderMrkdwn("<!date^1700000000^{date_short}|Nov 14>\n```x *y*```:warning:", names)).toEqual([
      { t: "text", v: "Nov 14" },
      { t: "br" },
      { t: "pre", c: [{ t: "text", v: "x *y*" }] },
      { t: "text", v: "\u26a0\ufe0f" },
    ]);
  });
});
