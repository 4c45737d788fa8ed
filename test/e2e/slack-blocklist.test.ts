import type { types } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttons } from "../slack/views/block-helpers.js";
import { type E2EApp, startE2EApp } from "./harness.js";

/**
 * Paging the blocklist as a moderator does: the command shows page 1, and every later page comes from clicking
 * the buttons of the answer before it (their action ids and values read from the posted blocks), each click
 * answering through its own response_url and replacing the message.
 */

const PAGE_SIZE = 15;

interface PostedPage {
  text: string;
  body: { replace_original?: boolean; blocks: types.KnownBlock[] };
  buttons: types.Button[];
}

describe("/wa-check blocklist, end to end", () => {
  let app: E2EApp;

  beforeAll(async () => {
    app = await startE2EApp();
  });
  afterAll(async () => {
    await app.close();
  });

  /** The final answer posted to `path`, with its buttons. */
  const pageAt = async (path: string): Promise<PostedPage> => {
    const text = await app.finalAnswer(path);
    const hit = app.slack.responseUrlHits.filter((candidate) => candidate.path === path).at(-1);
    const body = hit?.body as PostedPage["body"];
    return { text, body, buttons: buttons(body.blocks) };
  };

  const buttonOf = (page: PostedPage, actionId: string): types.Button | undefined =>
    page.buttons.find((button) => button.action_id === actionId);

  const click = async (button: types.Button | undefined): Promise<PostedPage> => {
    if (button?.value === undefined) throw new Error("no such button on the page");
    const { status, path } = await app.click({ actionId: button.action_id ?? "", value: button.value });
    expect(status).toBe(200);
    return pageAt(path);
  };

  /** The wa_ids the sandbox holds on page `page` (1-based). */
  const expectedRows = (page: number) =>
    app.sandbox.state.blocklist.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);

  const expectPage = (shown: PostedPage, page: number, pages: number) => {
    const total = app.sandbox.state.blocklist.length;
    expect(shown.text).toContain(`page ${page} of ${pages} · ${total} blocked`);
    const rows = shown.buttons.filter((button) => button.action_id === "blocklist_unblock");
    const waIds = expectedRows(page);
    expect(rows).toHaveLength(waIds.length);
    for (const waId of waIds) expect(shown.text).toContain(`\`${waId}\``);
    expect(buttonOf(shown, "blocklist_previous") === undefined).toBe(page === 1);
    expect(buttonOf(shown, "blocklist_next") === undefined).toBe(page === pages);
  };

  const blocklistCalls = () =>
    app.sandbox.state.calls
      .filter((call) => call.path.startsWith("/v1/contacts/blocklist"))
      .map((call) => call.path);

  it("pages forward from page 1 to the last and back, one upstream page per click, replacing the message", async () => {
    expect(app.sandbox.state.blocklist).toHaveLength(35);
    const callsBefore = blocklistCalls().length;
    const { status, path } = await app.command("blocklist");
    expect(status).toBe(200);
    let shown = await pageAt(path);
    expectPage(shown, 1, 3);

    for (const page of [2, 3]) {
      shown = await click(buttonOf(shown, "blocklist_next"));
      expect(shown.body.replace_original).toBe(true);
      expectPage(shown, page, 3);
    }
    for (const page of [2, 1]) {
      shown = await click(buttonOf(shown, "blocklist_previous"));
      expect(shown.body.replace_original).toBe(true);
      expectPage(shown, page, 3);
    }

    // Each page is one call with that page's limit and offset (the bot never fetches the whole list); pages seen
    // a moment ago come from the core's short page cache, so paging back asks WhatsApp nothing.
    const offsets = blocklistCalls()
      .slice(callsBefore)
      .map((call) => {
        const query = new URL(call, "http://sandbox").searchParams;
        expect(query.get("limit")).toBe(String(PAGE_SIZE));
        return Number(query.get("offset") ?? 0);
      });
    expect(offsets).toEqual([0, 15, 30]);
  });

  it("unblocks a row from its page, then shows that page again without it", async () => {
    const first = await app.command("blocklist 2");
    const page2 = await pageAt(first.path);
    expectPage(page2, 2, 3);
    const row = page2.buttons.find((button) => button.action_id === "blocklist_unblock");
    const waId = expectedRows(2)[0];
    expect(row?.value).toContain(`${waId}`);
    expect(row?.confirm).toBeDefined();

    const again = await click(row);
    expect(again.body.replace_original).toBe(true);
    expect(app.sandbox.state.blocklist).not.toContain(waId);
    expect(app.sandbox.state.blocklist).toHaveLength(34);
    expect(again.text).toContain("Unblocked");
    expect(again.text).not.toContain(`\`${waId}\``);
    expectPage(again, 2, 3);
  });
});
