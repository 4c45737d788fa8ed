import type { App } from "@slack/bolt";
import { CallbackId } from "../../ids.js";
import type { ListenerDeps } from "../deps.js";
import { reportSubmission } from "./report-submission.js";

export function registerViews(app: App, deps: ListenerDeps): void {
  app.view(CallbackId.ReportModal, ({ body, ack, client }) =>
    reportSubmission({ body, ack: (response) => ack(response), client }, deps),
  );
}
