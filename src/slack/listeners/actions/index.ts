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

const LISTENERS: Array<[string, ClickListener]> = [
  [ActionId.CheckBlock, checkBlockAction],
  [ActionId.CheckReport, checkReportAction],
  [ActionId.Recheck, recheckAction],
  [ActionId.BlocklistPrevious, blocklistPageAction],
  [ActionId.BlocklistNext, blocklistPageAction],
  [ActionId.BlocklistUnblock, blocklistUnblockAction],
];

export function registerActions(app: App, deps: ListenerDeps): void {
  for (const [actionId, listener] of LISTENERS) {
    app.action(actionId, ({ body, ack, client }) => listener({ body, ack: () => ack(), client }, deps));
  }
}
