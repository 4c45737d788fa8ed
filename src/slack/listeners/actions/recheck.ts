import { decodeRecheckValue } from "../../action-values.js";
import { runCheck } from "../commands/check-numbers.js";
import type { ListenerDeps } from "../deps.js";
import { type ClickArgs, readClick } from "./click.js";

/** Re-check, on a row WhatsApp was still processing: checks the message's numbers again, blocking, unforced. */
export async function recheckAction(args: ClickArgs, deps: ListenerDeps): Promise<void> {
  const click = await readClick(args, deps, decodeRecheckValue, "replace");
  if (click !== undefined) await runCheck(click.session, { inputs: click.value, force: false, wait: true });
}
