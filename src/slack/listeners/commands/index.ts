import type { App } from "@slack/bolt";
import { WA_CHECK_COMMAND } from "../../ids.js";
import type { ListenerDeps } from "../deps.js";
import { waCheckCommand } from "./wa-check.js";

export function registerCommands(app: App, deps: ListenerDeps): void {
  app.command(WA_CHECK_COMMAND, ({ command, ack, client }) => waCheckCommand({ command, ack, client }, deps));
}
