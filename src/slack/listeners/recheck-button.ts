import { runCheck } from "../flows/check.js";
import type { FlowDeps } from "../flows/deps.js";
import { type ClickArgs, openClickSession } from "../input/button-click.js";
import { decodeRecheckValue } from "../input/button-values.js";

/** Re-check, on a row WhatsApp was still processing: checks the message's numbers again, blocking, unforced. */
export async function recheckButton(args: ClickArgs, deps: FlowDeps): Promise<void> {
  const click = await openClickSession(args, deps, decodeRecheckValue, "replace");
  if (click !== undefined) await runCheck(click.session, { inputs: click.value, force: false, wait: true });
}
