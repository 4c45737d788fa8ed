import { runBlocklist } from "../flows/blocklist.js";
import type { FlowDeps } from "../flows/deps.js";
import { type ClickArgs, openClickSession } from "../input/button-click.js";
import { decodePageValue } from "../input/button-values.js";

/** Previous / Next on a blocklist page: the button carries the page request; the page replaces the message. */
export async function blocklistPageButton(args: ClickArgs, deps: FlowDeps): Promise<void> {
  const click = await openClickSession(args, deps, decodePageValue, "replace");
  if (click !== undefined) await runBlocklist(click.session, click.value, click.body.message);
}
