import type { types } from "@slack/bolt";
import { SlackLimit, truncate } from "../text/text-rules.js";

/**
 * Small Block Kit constructors that enforce Slack's length limits, so a long reason or a strange input can
 * never make Slack reject a whole message.
 */

export type Block = types.KnownBlock;

/** A message body: `text` is the notification fallback, `blocks` what people see. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export function section(text: string, accessory?: types.Button): types.SectionBlock {
  return {
    type: "section",
    text: { type: "mrkdwn", text: truncate(text, SlackLimit.SectionText) },
    ...(accessory === undefined ? {} : { accessory }),
  };
}

export function context(...texts: string[]): types.ContextBlock {
  return {
    type: "context",
    elements: texts
      .slice(0, SlackLimit.ContextElements)
      .map((text) => ({ type: "mrkdwn", text: truncate(text, SlackLimit.SectionText) })),
  };
}

export function header(text: string): types.HeaderBlock {
  return { type: "header", text: { type: "plain_text", text: truncate(text, SlackLimit.HeaderText) } };
}

export function actions(elements: types.Button[], blockId?: string): types.ActionsBlock {
  return { type: "actions", ...(blockId === undefined ? {} : { block_id: blockId }), elements };
}

/** A confirm dialog's words: plain text throughout, as Slack's reference has them (no mrkdwn, nothing escaped). */
export interface ConfirmText {
  title: string;
  text: string;
  confirm: string;
  deny?: string;
}

function confirmDialog(dialog: ConfirmText, danger = true): types.ConfirmationDialog {
  return {
    title: { type: "plain_text", text: truncate(dialog.title, SlackLimit.ConfirmTitle) },
    text: { type: "plain_text", text: truncate(dialog.text, SlackLimit.ConfirmText) },
    confirm: { type: "plain_text", text: truncate(dialog.confirm, SlackLimit.ConfirmButton) },
    deny: { type: "plain_text", text: truncate(dialog.deny ?? "Cancel", SlackLimit.ConfirmButton) },
    ...(danger ? { style: "danger" as const } : {}),
  };
}

export interface ButtonSpec {
  text: string;
  actionId: string;
  value: string;
  style?: "primary" | "danger";
  confirm?: ConfirmText;
}

export function button(spec: ButtonSpec): types.Button {
  if (spec.value.length > SlackLimit.ButtonValue) {
    // A cut value would decode to garbage on click; failing here surfaces the bug in tests instead.
    throw new RangeError(`button value for ${spec.actionId} is ${spec.value.length} characters`);
  }
  return {
    type: "button",
    text: { type: "plain_text", text: truncate(spec.text, SlackLimit.ButtonText), emoji: true },
    action_id: spec.actionId,
    value: spec.value,
    ...(spec.style === undefined ? {} : { style: spec.style }),
    ...(spec.confirm === undefined ? {} : { confirm: confirmDialog(spec.confirm, spec.style === "danger") }),
  };
}

/** Keeps a message within Slack's block limit, replacing what does not fit with one note saying so. */
export function fitBlocks(blocks: Block[], overflowNote: (hidden: number) => string): Block[] {
  if (blocks.length <= SlackLimit.BlocksPerMessage) return blocks;
  const kept = blocks.slice(0, SlackLimit.BlocksPerMessage - 1);
  return [...kept, context(overflowNote(blocks.length - kept.length))];
}
