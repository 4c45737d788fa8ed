import type { BlocklistView } from "../../moderation/types.js";
import type { PageValue } from "../input/button-values.js";
import { renderBlocklistPage, renderPageLoading } from "../views/blocklist-page.js";
import type { Block, SlackMessage } from "../views/blocks.js";
import type { Session } from "./session.js";

/** The page asked for, or the one the core shows instead (the list shrank): its buttons follow what is shown. */
async function fetchView(session: Session, asked: number | PageValue): Promise<BlocklistView> {
  const { actor, deps } = session;
  const view = await deps.moderation.blocklist(actor, typeof asked === "number" ? asked : asked.request);
  // Cursor pages do not know their number; the button that asked does.
  const cursorPage = typeof asked !== "number" && asked.request.kind === "cursor" && !view.restarted;
  return cursorPage ? { ...view, page: asked.page } : view;
}

/** Fetches one page (a number from the command, or the request a button carried) and renders it. */
export async function loadBlocklistMessage(
  session: Session,
  asked: number | PageValue,
  notice: Block[] = [],
): Promise<SlackMessage> {
  const message = renderBlocklistPage(await fetchView(session, asked));
  return { ...message, blocks: [...notice, ...message.blocks] };
}

/**
 * `/wa-check blocklist [page]`, and the Previous / Next buttons, which keep the page shown (`clicked`, the message
 * of the click payload) with a line saying the next one is loading, until it replaces it. Slack sends no copy of
 * an ephemeral message: that page then stays as it is until the new one is ready.
 */
export function runBlocklist(session: Session, asked: number | PageValue, clicked?: unknown): Promise<void> {
  if (typeof asked === "number") {
    return session.run(`Loading page ${asked} of the blocklist…`, () => loadBlocklistMessage(session, asked));
  }
  const note = renderPageLoading(clicked, asked.page) ?? null;
  return session.run(note, () => loadBlocklistMessage(session, asked));
}
