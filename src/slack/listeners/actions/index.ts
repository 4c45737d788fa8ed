import type { App } from "@slack/bolt";
import { ActionId } from "../../ids.js";
import type { ListenerDeps } from "../deps.js";
import { blocklistPageAction } from "./blocklist-page.js";
import { blocklistUnblockAction } from "./blocklist-unblock.js";
import { checkBlockAction } from "./check-block.js";
import { checkReportAction } from "./check-report.js";
import type { ClickArgs } from "./click.js";
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

// One Bolt listener for all our buttons: Bolt runs every registered listener's filters on every request before
// any of them acknowledges, so one registration per button would make each command and click go through five
// filter chains that cannot match. Action ids are plain snake_case words: nothing in them needs escaping.
const OUR_BUTTONS = new RegExp(`^(?:${[...LISTENERS.keys()].join("|")})$`);

export function registerActions(app: App, deps: ListenerDeps): void {
  app.action(OUR_BUTTONS, async ({ action, body, ack, client }) => {
    const listener = "action_id" in action ? LISTENERS.get(action.action_id) : undefined;
    await listener?.({ body, ack: () => ack(), client }, deps);
  });
}
