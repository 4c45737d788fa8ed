import { describe, expect, it } from "vitest";
import type { BlocklistView } from "../../../src/moderation/types.js";
import { ActionId } from "../../../src/slack/ids.js";
import { decodePageValue, decodeUnblockValue } from "../../../src/slack/input/button-values.js";
import { renderBlocklistPage, renderPageLoading } from "../../../src/slack/views/blocklist-page.js";
import { allText, buttons, expectWithinSlackLimits } from "./block-helpers.js";

function rows(count: number, from = 0) {
  return Array.from({ length: count }, (_, index) => {
    const waId = `1631555${String(1000 + from + index)}`;
    return { waId, e164: `+${waId}`, display: `+1 631-555-${1000 + from + index}` };
  });
}

const middle: BlocklistView = {
  rows: rows(15, 15),
  page: 2,
  pageCount: 3,
  total: 40,
  pageSize: 15,
  shown: { kind: "offset", limit: 15, offset: 15 },
  previous: { kind: "offset", limit: 15, offset: 0 },
  next: { kind: "offset", limit: 15, offset: 30 },
};

describe("renderBlocklistPage", () => {
  describe("a page in the middle", () => {
    const message = renderBlocklistPage(middle);

    it('says "page X of Y · N blocked"', () => {
      expect(allText(message.blocks)).toContain("page 2 of 3 · 40 blocked");
    });

    it("shows one row per number, formatted for people, with its wa_id", () => {
      const text = allText(message.blocks);
      expect(text).toContain("*+1 631-555-1015*  `16315551015`");
      expect(text).not.toContain("@s.whatsapp.net");
    });

    it("gives each row an Unblock button with a confirm dialog that carries the number and this page", () => {
      const unblocks = buttons(message.blocks).filter((b) => b.action_id === ActionId.BlocklistUnblock);
      expect(unblocks).toHaveLength(15);
      const first = unblocks[0];
      expect(first?.confirm?.title?.text).toBe("Unblock +1 631-555-1015?");
      expect(first?.confirm?.confirm?.text).toBe("Unblock");
      expect(decodeUnblockValue(first?.value)).toEqual({
        waId: "16315551015",
        request: { kind: "offset", limit: 15, offset: 15 },
        page: 2,
      });
    });

    it("has Previous and Next carrying the neighbouring pages' requests", () => {
      const nav = buttons(message.blocks).filter((b) => b.action_id !== ActionId.BlocklistUnblock);
      expect(nav.map((b) => b.text.text)).toEqual(["Previous", "Next"]);
      expect(decodePageValue(nav[0]?.value)).toEqual({ request: middle.previous, page: 1 });
      expect(decodePageValue(nav[1]?.value)).toEqual({ request: middle.next, page: 3 });
    });
  });

  it("leaves Previous out on the first page and Next out on the last", () => {
    const ends = { rows: rows(15), pageCount: 3, total: 40, pageSize: 15 };
    const first = renderBlocklistPage({
      ...ends,
      page: 1,
      shown: { kind: "offset", limit: 15, offset: 0 },
      next: { kind: "offset", limit: 15, offset: 15 },
    });
    const last = renderBlocklistPage({
      ...ends,
      page: 3,
      shown: { kind: "offset", limit: 15, offset: 30 },
      previous: { kind: "offset", limit: 15, offset: 15 },
    });
    const labels = (view: typeof first) => buttons(view.blocks).map((b) => b.text.text);
    expect(labels(first)).not.toContain("Previous");
    expect(labels(first)).toContain("Next");
    expect(labels(last)).toContain("Previous");
    expect(labels(last)).not.toContain("Next");
  });

  it("shows an id that is not a phone number as it is, without an Unblock button", () => {
    const message = renderBlocklistPage({
      rows: [...rows(1), { waId: "123", display: "123" }],
      page: 1,
      pageSize: 15,
      shown: { kind: "offset", limit: 15, offset: 0 },
    });
    expect(allText(message.blocks)).toContain("`123`  _not a phone number, so it cannot be unblocked here_");
    const unblocks = buttons(message.blocks).filter((b) => b.action_id === ActionId.BlocklistUnblock);
    expect(unblocks.map((b) => decodeUnblockValue(b.value).waId)).toEqual(["16315551000"]);
  });

  it("says plainly when nothing is blocked", () => {
    const empty = renderBlocklistPage({
      rows: [],
      page: 1,
      pageCount: 1,
      total: 0,
      pageSize: 15,
      shown: { kind: "offset", limit: 15, offset: 0 },
    });
    expect(allText(empty.blocks)).toContain("No number is blocked.");
    expect(buttons(empty.blocks)).toHaveLength(0);
  });

  it("shows the page alone when the backend does not know the total (cloud)", () => {
    const cloud = renderBlocklistPage({
      rows: rows(2),
      page: 4,
      pageSize: 15,
      shown: { kind: "cursor", limit: 15, after: "QVFH" },
      previous: { kind: "cursor", limit: 15, before: "QVFI" },
    });
    expect(allText(cloud.blocks)).toContain("*Blocklist*: page 4\n");
    const previous = buttons(cloud.blocks).find((b) => b.action_id === ActionId.BlocklistPrevious);
    expect(decodePageValue(previous?.value)).toEqual({
      request: { kind: "cursor", limit: 15, before: "QVFI" },
      page: 3,
    });
  });

  it("stays within Slack's limits at the largest page size with long cursors", () => {
    const view: BlocklistView = {
      rows: rows(20),
      page: 7,
      pageSize: 20,
      shown: { kind: "cursor", limit: 20, after: "S".repeat(400) },
      next: { kind: "cursor", limit: 20, after: "Q".repeat(400) },
      previous: { kind: "cursor", limit: 20, before: "R".repeat(400) },
    };
    expectWithinSlackLimits(renderBlocklistPage(view).blocks);
  });

  describe("while Next loads the following page", () => {
    const shown = renderBlocklistPage(middle);

    it("keeps the page shown, its Previous / Next row replaced by a line saying which page is loading", () => {
      const loading = renderPageLoading(shown, 3);
      const text = allText(loading?.blocks ?? []);
      expect(text).toContain("page 2 of 3 · 40 blocked");
      expect(text).toContain("*+1 631-555-1015*");
      expect(text).toContain("Loading page 3…");
      expect(buttons(loading?.blocks ?? []).map((b) => b.text.text)).not.toContain("Next");
      expect(buttons(loading?.blocks ?? []).filter((b) => b.text.text === "Unblock")).toHaveLength(15);
    });

    it("has nothing to keep when the click carried no message (Slack sends none for ephemeral ones)", () => {
      expect(renderPageLoading(undefined, 3)).toBeUndefined();
      expect(renderPageLoading({ blocks: "not blocks" }, 3)).toBeUndefined();
    });
  });
});
