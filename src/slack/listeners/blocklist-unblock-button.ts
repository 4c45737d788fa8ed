import { shownNumber } from "../../common/shown-number.js";
import { looksLikeBsuid } from "../../moderation/contact.js";
import { waIdToE164 } from "../../phone/index.js";
import { loadBlocklistMessage } from "../flows/blocklist.js";
import type { FlowDeps } from "../flows/deps.js";
import type { Session } from "../flows/session.js";
import { type ClickArgs, openClickSession } from "../input/button-click.js";
import { decodeUnblockValue, type UnblockValue } from "../input/button-values.js";
import { failureText } from "../text/failure-text.js";
import { renderActionResult } from "../views/action-result.js";
import type { SlackMessage } from "../views/blocks.js";
import { renderErrorMessage } from "../views/error-message.js";

/**
 * The button's value, with whom to unblock: the number of its wa_id (a wa_id that is not a phone number is
 * refused), or the BSUID of a row listed only by it.
 */
function decodeUnblock(value: string | undefined): UnblockValue & { e164: string } {
  const unblock = decodeUnblockValue(value);
  return { ...unblock, e164: looksLikeBsuid(unblock.waId) ? unblock.waId : waIdToE164(unblock.waId) };
}

/** The unblock's own answer, the failure in words included: the page is shown below it either way. */
async function unblockOutcome(session: Session, e164: string): Promise<SlackMessage> {
  try {
    return renderActionResult(await session.deps.moderation.unblock(session.actor, e164));
  } catch (error) {
    return renderErrorMessage(failureText(error, session.deps, "unblock"));
  }
}

/** Unblock, on a blocklist row: unblocks, then shows the same page again with the outcome on top. */
export async function blocklistUnblockButton(args: ClickArgs, deps: FlowDeps): Promise<void> {
  const click = await openClickSession(args, deps, decodeUnblock, "replace");
  if (click === undefined) return;
  const { value: unblock, session } = click;
  return session.run(`Unblocking ${shownNumber(unblock.e164)}…`, async () => {
    const outcome = await unblockOutcome(session, unblock.e164);
    try {
      return await loadBlocklistMessage(
        session,
        { request: unblock.request, page: unblock.page },
        outcome.blocks,
      );
    } catch (error) {
      // The outcome stands whatever became of the page: only the page is said to have failed.
      const pageProblem = renderErrorMessage(
        `The blocklist could not be shown again: ${failureText(error, deps)}`,
      );
      return { text: outcome.text, blocks: [...outcome.blocks, ...pageProblem.blocks] };
    }
  });
}
