import type { BlocklistView } from "../../moderation/types.js";
import type { PageValue } from "../input/button-values.js";
import { renderBlocklistPage } from "../views/blocklist-page.js";
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

/** `/wa-check blocklist [page]` and the Previous / Next buttons. */
export function runBlocklist(session: Session, asked: number | PageValue): Promise<void> {
  const page = typeof asked === "number" ? asked : asked.page;
  return session.run(`Loading page ${page} of the blocklist…`, () => loadBlocklistMessage(session, asked));
}
