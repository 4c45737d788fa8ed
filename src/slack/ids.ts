/** Names Slack routes on. They are part of the manifest and of messages already posted: never rename them. */

export const WA_CHECK_COMMAND = "/wa-check";

export const ActionId = {
  CheckBlock: "check_block",
  CheckReport: "check_report",
  Recheck: "check_recheck",
  BlocklistPrevious: "blocklist_previous",
  BlocklistNext: "blocklist_next",
  BlocklistUnblock: "blocklist_unblock",
} as const;

export const CallbackId = {
  /** The "Report sender" message shortcut (manifest.yml). */
  ReportSender: "report_sender",
  /** The report modal it opens. */
  ReportModal: "report_modal",
} as const;

/** Block ids of the report modal's inputs; each input's element has action id "value". */
export const ReportModalField = {
  Number: "number",
  Reason: "reason",
  AlsoBlock: "also_block",
} as const;

export const INPUT_ACTION_ID = "value";
