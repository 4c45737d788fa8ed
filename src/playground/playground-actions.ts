import type { AnySandboxHandle } from "../sandbox/index.js";
import type { AnswerTarget, ChannelModel } from "./channel-model.js";
import {
  blockActionsPayload,
  interactivityBody,
  type MessageInteraction,
  messageShortcutPayload,
  postSigned,
  type SlackUserRef,
  slashCommandBody,
  viewSubmissionPayload,
} from "./slack-requests.js";

/**
 * What a person does on the page (docs/CONTRACT.md §9), turned into what Slack would do: a typed command, a click,
 * the "Report sender" shortcut and a modal's submit become signed requests to /slack/events; sending an inbound
 * WhatsApp message goes through the sandbox, which delivers it to the bot's webhook as WhatsApp would.
 */

export type PlaygroundAction =
  | { type: "command"; channel: string; text: string }
  | { type: "button"; messageId: string; actionId: string; blockId: string; value: string; text: string }
  | { type: "shortcut"; messageId: string }
  | { type: "submit"; viewId: string; values: Record<string, Record<string, Record<string, unknown>>> }
  | { type: "close"; viewId: string }
  | { type: "inbound"; from: string; text: string }
  | { type: "moderator"; on: boolean };

export interface ActionResult {
  status: number;
  error?: string;
}

export interface RunningLocalBot {
  port: number;
  sandbox?: AnySandboxHandle | undefined;
}

export interface ActionDeps {
  model: ChannelModel;
  signingSecret: string;
  bot: () => RunningLocalBot | undefined;
  /** Who acts now: the moderator, or the visitor once the switch is off. */
  user: () => SlackUserRef;
  setModerator(on: boolean): void;
  channelName(id: string): string;
}

export function createActions(deps: ActionDeps) {
  const { model } = deps;
  let triggers = 0;
  const triggerId = () => `${Date.now()}.${++triggers}.trigger`;

  const send = (body: string) => {
    const bot = deps.bot();
    if (bot === undefined) throw new Error("the playground is not attached to a running bot");
    return postSigned(bot.port, deps.signingSecret, body);
  };

  /** An acknowledgement with a body answers in the channel, ephemeral unless it says otherwise, as on Slack. */
  const showAck = (text: string, target: AnswerTarget): void => {
    if (text.trim() === "") return;
    try {
      const body = JSON.parse(text) as Record<string, unknown>;
      if (body.text !== undefined || body.blocks !== undefined) model.showAnswer(body, target);
    } catch {
      model.addMessage({ channel: target.channel, author: "bot", ephemeral: true, text, blocks: [] });
    }
  };

  const command = async (channel: string, typed: string): Promise<ActionResult> => {
    const text = typed.trim();
    model.addMessage({ channel, author: deps.user().id, ephemeral: false, text, blocks: [] });
    const match = /^\/(\S+)\s*([\s\S]*)$/.exec(text);
    if (match === null) return { status: 200 };
    if (match[1] !== "wa-check") {
      const said = `/${match[1]} is not a valid command. This playground knows /wa-check.`;
      model.addMessage({ channel, author: "slackbot", ephemeral: true, text: said, blocks: [] });
      return { status: 200 };
    }
    // The acknowledgement and the response URL answer as one: a later replace_original replaces either.
    const target: AnswerTarget = { channel };
    const answer = await send(
      slashCommandBody({
        user: deps.user(),
        channel: { id: channel, name: deps.channelName(channel) },
        text: match[2] ?? "",
        responseUrl: model.responseUrl(target),
        triggerId: triggerId(),
      }),
    );
    showAck(answer.text, target);
    return { status: answer.status };
  };

  /**
   * A click (its answer may replace the message) or a message shortcut (its answer is a new message): the
   * payload `build` makes from what both carry, sent.
   */
  const interactOn = async (
    messageId: string,
    replaces: boolean,
    build: (common: MessageInteraction) => Record<string, unknown>,
  ): Promise<ActionResult> => {
    const message = model.findMessage(messageId);
    if (message === undefined) return { status: 404, error: "no such message" };
    const target = { channel: message.channel, ...(replaces ? { messageId: message.id } : {}) };
    const payload = build({
      user: deps.user(),
      message,
      channelName: deps.channelName(message.channel),
      responseUrl: model.responseUrl(target),
      triggerId: triggerId(),
    });
    return { status: (await send(interactivityBody(payload))).status };
  };

  return async (action: PlaygroundAction): Promise<ActionResult> => {
    switch (action.type) {
      case "moderator":
        deps.setModerator(action.on);
        model.changed();
        return { status: 200 };
      case "inbound": {
        const sandbox = deps.bot()?.sandbox;
        if (sandbox === undefined) return { status: 409, error: "no sandbox: WhatsApp is a real backend" };
        await sandbox.simulateInbound({ from: action.from, text: action.text });
        return { status: 200 };
      }
      case "close":
        model.closeView(action.viewId);
        return { status: 200 };
      case "command":
        return command(action.channel, action.text);
      case "button":
        return interactOn(action.messageId, true, (common) => blockActionsPayload({ ...common, action }));
      case "shortcut":
        return interactOn(action.messageId, false, messageShortcutPayload);
      case "submit": {
        const open = model.findView(action.viewId);
        if (open === undefined) return { status: 404, error: "no such view" };
        const payload = viewSubmissionPayload({
          user: deps.user(),
          viewId: open.id,
          view: open.view,
          values: action.values,
          triggerId: triggerId(),
        });
        const answer = await send(interactivityBody(payload));
        model.applyViewAnswer(open, answer.text);
        return { status: answer.status };
      }
    }
  };
}
