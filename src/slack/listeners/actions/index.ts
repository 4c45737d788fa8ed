import type { App } from "@slack/bolt";
import { StaleInteractionError } from "../../errors.js";
import { ActionId } from "../../ids.js";
import type { ListenerDeps } from "../deps.js";
import { blocklistPageAction } from "./blocklist-page.js";
import { blocklistUnblockAction } from "./blocklist-unblock.js";
import { checkBlockAction } from "./check-block.js";
import { checkReportAction } from "./check-report.js";
import { type ClickArgs, readClick } from "./click.js";
import { recheckAction } from "./recheck.js";

type ClickListener = (args: ClickArgs, deps: ListenerDeps) => Promise<void>;

const LISTENERS = new Map<string, ClickListener>([
  [ActionId.CheckBlock, checkBlockAction],
  [ActionId.CheckReport, checkReportAction],
  [ActionId.Recheck, recheckAction],
  [ActionId.BlocklistPrevious, blocklistPageAction],
  [ActionId.BlocklistNext, blocklistPageAction],
  [ActionId.BlocklistUnblock, blocklistUnblockAction],
]);

/**
 * A button this version does not have (a message drawn by an older one): acknowledged at once and answered
 * below it, rather than left for Slack to show as failed after 3 seconds.
 */
async function unknownButton(args: ClickArgs, deps: ListenerDeps): Promise<void> {
  await readClick(
    args,
    deps,
    () => {
      throw new StaleInteractionError("this button is not one this version has");
    },
    "below",
  );
}

// One Bolt listener for every button: Bolt runs every registered listener's filters on every request before
// any of them acknowledges, so one registration per button would make each command and click go through five
// filter chains that cannot match.
export function registerActions(app: App, deps: ListenerDeps): void {
  app.action({ type: "block_actions" }, async ({ action, body, ack, client }) => {
    const listener = ("action_id" in action && LISTENERS.get(action.action_id)) || unknownButton;
    await listener({ body, ack: () => ack(), client }, deps);
  });
}
