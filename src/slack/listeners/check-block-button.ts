import { runBlock } from "../flows/block.js";
import type { FlowDeps } from "../flows/deps.js";
import { type ClickArgs, openClickSession } from "../input/button-click.js";
import { decodeRowValue } from "../input/button-values.js";

/** Block, from a check row (after its confirm dialog); the outcome goes below the check, which stays whole. */
export async function checkBlockButton(args: ClickArgs, deps: FlowDeps): Promise<void> {
  const click = await openClickSession(args, deps, decodeRowValue, "below");
  if (click !== undefined) await runBlock(click.session, click.value);
}
