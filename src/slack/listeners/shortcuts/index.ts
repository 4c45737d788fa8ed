import type { App } from "@slack/bolt";
import { CallbackId } from "../../ids.js";
import type { ListenerDeps } from "../deps.js";
import { reportSenderShortcut } from "./report-sender.js";

export function registerShortcuts(app: App, deps: ListenerDeps): void {
  app.shortcut(CallbackId.ReportSender, ({ shortcut, ack, client }) =>
    reportSenderShortcut({ shortcut, ack: () => ack(), client }, deps),
  );
}
