import type { BlocklistView } from "../../../moderation/types.js";
import type { BlocklistPageRequest } from "../../../whatsapp/backend.js";
import type { PageValue } from "../../action-values.js";
import { renderBlocklistPage } from "../../views/blocklist-page.js";
import type { Block, SlackMessage } from "../../views/blocks.js";
import type { ListenerDeps } from "../deps.js";
import type { Session } from "../session.js";

/** The request that reproduces the page shown, for the Unblock buttons of that page. */
function requestFor(view: BlocklistView, deps: ListenerDeps): BlocklistPageRequest {
  if (deps.backendName === "cloud") return { kind: "cursor", limit: view.pageSize };
  return { kind: "offset", limit: view.pageSize, offset: (view.page - 1) * view.pageSize };
}

async function fetchView(
  session: Session,
  asked: number | PageValue,
): Promise<{ view: BlocklistView; current: PageValue }> {
  const { actor, deps } = session;
  if (typeof asked !== "number" && asked.request.kind === "cursor") {
    // Cursor pages do not know their number; the button that asked does.
    const view = { ...(await deps.moderation.blocklist(actor, asked.request)), page: asked.page };
    return { view, current: asked };
  }
  const view = await deps.moderation.blocklist(actor, typeof asked === "number" ? asked : asked.request);
  // The core may show another page than the one asked for (the list shrank): the buttons follow what is shown.
  return { view, current: { request: requestFor(view, deps), page: view.page } };
}

/** Fetches one page (a number from the command, or the request a button carried) and renders it. */
export async function renderPage(
  session: Session,
  asked: number | PageValue,
  notice: Block[] = [],
): Promise<SlackMessage> {
  const { view, current } = await fetchView(session, asked);
  const message = renderBlocklistPage(view, current);
  return { ...message, blocks: [...notice, ...message.blocks] };
}

/** `/wa-check blocklist [page]` and the Previous / Next buttons. */
export function runBlocklist(session: Session, asked: number | PageValue): Promise<void> {
  const page = typeof asked === "number" ? asked : asked.page;
  return session.run(`Loading page ${page} of the blocklist…`, () => renderPage(session, asked));
}
