import type { types } from "@slack/bolt";
import { escapeMrkdwn } from "../../common/mrkdwn.js";
import type { BlocklistRow, BlocklistView } from "../../moderation/types.js";
import type { BlocklistPageRequest } from "../../whatsapp/backend.js";
import { ActionId } from "../ids.js";
import { encodePageValue, encodeUnblockValue, type PageValue } from "../input/button-values.js";
import { plural } from "../text/text-rules.js";
import { actions, type Block, button, context, type SlackMessage, section } from "./blocks.js";

const NAV_BLOCK_ID = "blocklist-nav";

/**
 * One page of the blocklist. Each button carries the page request it needs (compact JSON), so whichever replica
 * receives the click can serve it; Previous / Next are left out at the ends.
 */

function pageLine(view: BlocklistView): string {
  const of = view.pageCount === undefined ? "" : ` of ${view.pageCount}`;
  const total = view.total === undefined ? "" : ` · ${view.total} blocked`;
  return `page ${view.page}${of}${total}`;
}

function navButton(
  text: string,
  actionId: string,
  request: BlocklistPageRequest | undefined,
  page: number,
): types.Button[] {
  if (request === undefined) return [];
  return [button({ text, actionId, value: encodePageValue({ request, page }) })];
}

/** What the Unblock button sends on: the wa_id of a number, or the BSUID of a row listed only by it. */
function unblockId(row: BlocklistRow): string | undefined {
  if (row.waId !== undefined) return row.e164 === undefined ? undefined : row.waId;
  return row.bsuid;
}

function rowSection(row: BlocklistRow, current: PageValue): Block {
  const listed = row.waId ?? `BSUID ${row.bsuid ?? ""}`;
  const id = `\`${escapeMrkdwn(listed)}\``;
  const target = unblockId(row);
  // Unblock sends the id on as a phone number, which this one is not.
  if (target === undefined) return section(`${id}  _not a phone number, so it cannot be unblocked here_`);
  const named = row.username === undefined ? row.display : `${row.username} (${row.display})`;
  const shown = escapeMrkdwn(named);
  return section(
    row.e164 === undefined ? `*${shown}*` : `*${shown}*  ${id}`,
    button({
      text: "Unblock",
      actionId: ActionId.BlocklistUnblock,
      value: encodeUnblockValue({ waId: target, ...current }),
      style: "danger",
      confirm: {
        title: `Unblock ${row.display}?`,
        text: `${named} will be able to message the business again.`,
        confirm: "Unblock",
      },
    }),
  );
}

/** Each Unblock carries the request of the page shown (`view.shown`), so that same page is shown again after. */
export function renderBlocklistPage(view: BlocklistView): SlackMessage {
  const current = { request: view.shown, page: view.page };
  const blocks: Block[] = [section(`*Blocklist*: ${pageLine(view)}`)];
  if (view.restarted) {
    blocks.push(
      context(":arrows_counterclockwise: The blocklist changed while it was being paged: back to page 1."),
    );
  }
  if (view.rows.length === 0) {
    blocks.push(section(view.page === 1 ? "No number is blocked." : "Nothing on this page any more."));
  }
  for (const row of view.rows) blocks.push(rowSection(row, current));
  const nav = [
    ...navButton("Previous", ActionId.BlocklistPrevious, view.previous, Math.max(1, view.page - 1)),
    ...navButton("Next", ActionId.BlocklistNext, view.next, view.page + 1),
  ];
  if (nav.length > 0) blocks.push(actions(nav, NAV_BLOCK_ID));
  blocks.push(context(`${plural(view.rows.length, "number")} on this page, up to ${view.pageSize} a page.`));
  return { text: `Blocklist, ${pageLine(view)}`, blocks };
}

/**
 * The page a moderator is looking at, kept while the one asked for loads: `shown` is the clicked message as
 * Slack's click payload carries it, its Previous / Next row replaced by a line saying which page is coming (so
 * it is not clicked twice). Undefined when the payload carries no page (Slack sends none for ephemeral messages).
 */
export function renderPageLoading(shown: unknown, page: number): SlackMessage | undefined {
  const blocks = (shown as { blocks?: unknown } | undefined)?.blocks;
  if (!Array.isArray(blocks) || blocks.length === 0) return undefined;
  const loading = context(`:hourglass_flowing_sand: Loading page ${page}…`);
  const kept = (blocks as Block[]).map((block) => (block.block_id === NAV_BLOCK_ID ? loading : block));
  if (!kept.includes(loading)) kept.push(loading);
  return { text: `Loading page ${page} of the blocklist…`, blocks: kept };
}
