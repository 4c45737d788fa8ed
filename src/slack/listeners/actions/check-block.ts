import { decodeRowValue } from "../../action-values.js";
import { runBlock } from "../commands/block.js";
import type { ListenerDeps } from "../deps.js";
import { type ClickArgs, readClick } from "./click.js";

/** Block, from a check row (after its confirm dialog); the outcome goes below the check, which stays whole. */
export async function checkBlockAction(args: ClickArgs, deps: ListenerDeps): Promise<void> {
  const click = await readClick(args, deps, decodeRowValue, "below");
  if (click !== undefined) await runBlock(click.session, click.value);
}
