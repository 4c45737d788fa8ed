import { decodePageValue } from "../../action-values.js";
import { runBlocklist } from "../commands/blocklist.js";
import type { ListenerDeps } from "../deps.js";
import { type ClickArgs, readClick } from "./click.js";

/** Previous / Next on a blocklist page: the button carries the page request; the page replaces the message. */
export async function blocklistPageAction(args: ClickArgs, deps: ListenerDeps): Promise<void> {
  const click = await readClick(args, deps, decodePageValue, "replace");
  if (click !== undefined) await runBlocklist(click.session, click.value);
}
