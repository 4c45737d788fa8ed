import { decodeUnblockValue } from "../../action-values.js";
import { shownNumber } from "../../shown-number.js";
import { renderActionResult } from "../../views/action-result.js";
import type { Block } from "../../views/blocks.js";
import { renderErrorMessage } from "../../views/error-message.js";
import { renderPage } from "../commands/blocklist.js";
import type { ListenerDeps } from "../deps.js";
import { failureText } from "../failure.js";
import { type ClickArgs, readClick } from "./click.js";

/** Unblock, on a blocklist row: unblocks, then shows the same page again with the outcome on top. */
export async function blocklistUnblockAction(args: ClickArgs, deps: ListenerDeps): Promise<void> {
  const click = await readClick(args, deps, decodeUnblockValue, "replace");
  if (click === undefined) return;
  const { value: unblock, session } = click;
  // A number known only by its wa_id is sent as +<wa_id>.
  const e164 = `+${unblock.waId}`;
  return session.run(`Unblocking ${shownNumber(e164)}…`, async () => {
    let outcome: Block[];
    try {
      outcome = renderActionResult(await deps.moderation.unblock(session.actor, e164)).blocks;
    } catch (error) {
      outcome = renderErrorMessage(failureText(error, deps)).blocks;
    }
    return renderPage(session, { request: unblock.request, page: unblock.page }, outcome);
  });
}
