import type { App } from "@slack/bolt";
import { runBlock } from "../flows/block.js";
import { runBlocklist } from "../flows/blocklist.js";
import { runCheck } from "../flows/check.js";
import type { FlowDeps } from "../flows/deps.js";
import { runHistory } from "../flows/history.js";
import { runReport } from "../flows/report.js";
import { runUnblock } from "../flows/unblock.js";
import { ActionId, CallbackId, WA_CHECK_COMMAND } from "../ids.js";
import { afterAckOf } from "../middleware/after-ack.js";
import { blocklistPageButton } from "./blocklist-page-button.js";
import { blocklistUnblockButton } from "./blocklist-unblock-button.js";
import { checkBlockButton } from "./check-block-button.js";
import { checkReportButton } from "./check-report-button.js";
import { recheckButton } from "./recheck-button.js";
import { reportModalSubmission } from "./report-modal-submission.js";
import { reportSenderShortcut } from "./report-sender-shortcut.js";
import { type ButtonListener, unknownButton } from "./unknown-button.js";
import { type SubcommandFlows, waCheckCommand } from "./wa-check-command.js";

/** What each `/wa-check` sub-command runs (the flows are shared with the buttons and the modal). */
export const SUBCOMMANDS: SubcommandFlows = {
  check: (session, form) => runCheck(session, form),
  block: (session, form) => runBlock(session, form.number, form.reason),
  unblock: (session, form) => runUnblock(session, form.number),
  report: (session, form) =>
    runReport(session, form.number, {
      block: form.block,
      ...(form.reason === undefined ? {} : { reason: form.reason }),
      ...(form.messageId === undefined ? {} : { messageId: form.messageId }),
    }),
  blocklist: (session, form) => runBlocklist(session, form.page),
  history: (session, form) => runHistory(session, form.number),
};

/** Every button, by the action_id it carries (ids.ts). */
const BUTTONS = new Map<string, ButtonListener>([
  [ActionId.CheckBlock, checkBlockButton],
  [ActionId.CheckReport, checkReportButton],
  [ActionId.Recheck, recheckButton],
  [ActionId.BlocklistPrevious, blocklistPageButton],
  [ActionId.BlocklistNext, blocklistPageButton],
  [ActionId.BlocklistUnblock, blocklistUnblockButton],
]);

/** The whole Slack surface: one slash command, the buttons, one message shortcut, one modal. */
export function registerListeners(app: App, deps: FlowDeps): void {
  app.command(WA_CHECK_COMMAND, ({ command, ack, client, context }) =>
    waCheckCommand({ command, ack, client, afterAck: afterAckOf(context) }, deps, SUBCOMMANDS),
  );
  // One Bolt listener for every button: Bolt runs every registered listener's filters on every request before
  // any of them acknowledges, so one registration per button would make each command and click go through five
  // filter chains that cannot match.
  app.action({ type: "block_actions" }, async ({ action, body, ack, client, context }) => {
    const listener = ("action_id" in action && BUTTONS.get(action.action_id)) || unknownButton;
    await listener({ body, ack: () => ack(), client, afterAck: afterAckOf(context) }, deps);
  });
  app.shortcut(CallbackId.ReportSender, ({ shortcut, ack, client }) =>
    reportSenderShortcut({ shortcut, ack: () => ack(), client }, deps),
  );
  app.view(CallbackId.ReportModal, ({ body, ack, client, context }) =>
    reportModalSubmission(
      { body, ack: (response) => ack(response), client, afterAck: afterAckOf(context) },
      deps,
    ),
  );
}
