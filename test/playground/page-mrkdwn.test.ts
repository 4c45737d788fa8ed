import { describe, expect, it } from "vitest";
import type { PlaygroundMessage } from "../../src/playground/channel-model.js";
import { createMrkdwnReader, mrkdwnNodes } from "../../src/playground/page-mrkdwn.js";

const names = { U0PLAYMOD: "you", C0AUDIT: "moderation-audit" };
const read = (text: string) => mrkdwnNodes(text, names);

describe("mrkdwnNodes (Slack mrkdwn as the playground page draws it, docs/CONTRACT.md §9)", () => {
  it("reads bold, italic, strike and code", () => {
    expect(read("*Blocked* _now_ ~old~ `+1 631`")).toEqual([
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
    expect(read("*a _b_*")).toEqual([
      {
        t: "b",
        c: [
          { t: "text", v: "a " },
          { t: "i", c: [{ t: "text", v: "b" }] },
        ],
      },
    ]);
    expect(read("snake_case_name 2*3*4")).toEqual([{ t: "text", v: "snake_case_name 2*3*4" }]);
  });

  it("builds links and mentions only from Slack's <…> syntax, with names", () => {
    expect(
      read("<@U0PLAYMOD> in <#C0AUDIT> <https://example.com/a_b_c|the _docs_> <mailto:t@example.com>"),
    ).toEqual([
      { t: "mention", v: "@you" },
      { t: "text", v: " in " },
      { t: "mention", v: "#moderation-audit" },
      { t: "text", v: " " },
      { t: "link", href: "https://example.com/a_b_c", v: "the _docs_" },
      { t: "text", v: " " },
      { t: "link", href: "mailto:t@example.com", v: "mailto:t@example.com" },
    ]);
    expect(read("https://example.com")).toEqual([{ t: "text", v: "https://example.com" }]);
  });

  it("shows <!here>, a user group and an unknown user as names, never as links", () => {
    expect(read("<!here> <!channel> <!subteam^S0MODS|@mods> <@U0OTHER|sam> <@U0NOBODY>")).toEqual([
      { t: "mention", v: "@here" },
      { t: "text", v: " " },
      { t: "mention", v: "@channel" },
      { t: "text", v: " " },
      { t: "mention", v: "@mods" },
      { t: "text", v: " " },
      { t: "mention", v: "@sam" },
      { t: "text", v: " " },
      { t: "mention", v: "@U0NOBODY" },
    ]);
  });

  it("never makes a link of another scheme, and shows escaped text as text", () => {
    expect(read("<javascript:alert(1)|click>")).toEqual([{ t: "text", v: "click" }]);
    expect(read("&lt;script&gt; &amp; <b>")).toEqual([
      { t: "text", v: "<script> & " },
      { t: "text", v: "b" },
    ]);
    expect(read("<https://example.com/?a=1&amp;b=2|a &amp; b>")).toEqual([
      { t: "link", href: "https://example.com/?a=1&b=2", v: "a & b" },
    ]);
  });

  it("shows a date by its fallback, line breaks, code blocks, quotes and known emoji", () => {
    expect(
      read("<!date^1700000000^{date_short}|Nov 14>\n```\nx *y*\n&lt;z&gt;\n```\n:warning: at 16:30:00"),
    ).toEqual([
      { t: "text", v: "Nov 14" },
      { t: "br" },
      { t: "pre", v: "x *y*\n<z>" },
      { t: "br" },
      { t: "text", v: "\u26a0\ufe0f" },
      { t: "text", v: " at 16" },
      { t: "text", v: ":30:" },
      { t: "text", v: "00" },
    ]);
    expect(read("&gt; first\n&gt; *second*\nafter")).toEqual([
      {
        t: "quote",
        c: [
          { t: "text", v: " first" },
          { t: "br" },
          { t: "text", v: " " },
          { t: "b", c: [{ t: "text", v: "second" }] },
        ],
      },
      { t: "text", v: "after" },
    ]);
  });
});

describe("createMrkdwnReader (the mrkdwn the page's state carries)", () => {
  it("adds nodes to every mrkdwn text object, however deep, and leaves plain text as it is", () => {
    const confirm = {
      title: { type: "plain_text", text: "*Sure?*" },
      text: { type: "mrkdwn", text: "*Sure?*" },
    };
    const blocks = [
      { type: "section", fields: [{ type: "mrkdwn", text: "_a_" }] },
      { type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Go" }, confirm }] },
    ];
    expect(createMrkdwnReader(names).withNodes(blocks)).toEqual([
      {
        type: "section",
        fields: [{ type: "mrkdwn", text: "_a_", nodes: [{ t: "i", c: [{ t: "text", v: "a" }] }] }],
      },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            text: { type: "plain_text", text: "Go" },
            confirm: {
              ...confirm,
              text: { ...confirm.text, nodes: [{ t: "b", c: [{ t: "text", v: "Sure?" }] }] },
            },
          },
        ],
      },
    ]);
  });

  it("reads a message's text only when it has no blocks, and leaves its metadata alone", () => {
    const message: PlaygroundMessage = {
      id: "m1",
      channel: "C0MOD",
      ts: "1.000001",
      at: 0,
      author: "U0PLAYMOD",
      ephemeral: false,
      text: "*hi*",
      blocks: [],
      metadata: { event_payload: { type: "mrkdwn", text: "*kept*" } },
      edits: 0,
    };
    const reader = createMrkdwnReader(names);
    const bare = reader.message(message);
    expect(bare.textNodes).toEqual([{ t: "b", c: [{ t: "text", v: "hi" }] }]);
    expect(bare.metadata).toEqual(message.metadata);
    const withBlocks = reader.message({ ...message, blocks: [{ type: "divider" }] });
    expect(withBlocks.textNodes).toEqual([]);
  });
});
