import type { AllMiddlewareArgs, AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import { z } from "zod";
import { NotModeratorError } from "../moderation/errors.js";
import type { IsModerator } from "../moderation/types.js";
import { parseWaCheck } from "./command-parser.js";
import { ActionId, WA_CHECK_COMMAND } from "./ids.js";
import type { ListenerDeps } from "./listeners/deps.js";
import { failureText } from "./listeners/failure.js";
import { replyTargetOf } from "./listeners/slack-people.js";
import { reply } from "./respond.js";
import { renderErrorMessage } from "./views/error-message.js";

/**
 * Global middleware: only moderators get past it. Everyone may read `/wa-check help`. A refused request is
 * acknowledged with the refusal (who is asking, MODERATORS, whom to ask) and reaches no listener, so nothing is
 * called. Block, unblock and report are let through to the core instead, which refuses them with the same words
 * and keeps the refusal in the audit trail (SPEC §5: every refusal of one is stored).
 */

const commandSchema = z.looseObject({
  command: z.string(),
  text: z.string().default(""),
  user_id: z.string().min(1),
});

const interactionSchema = z.looseObject({
  type: z.string(),
  user: z.looseObject({ id: z.string().min(1) }),
  response_url: z.url().optional(),
  channel: z.looseObject({ id: z.string() }).nullish(),
  actions: z.array(z.looseObject({ action_id: z.string() })).optional(),
});

const AUDITED_COMMANDS: ReadonlySet<string> = new Set(["block", "unblock", "report"]);
const AUDITED_BUTTONS: ReadonlySet<string> = new Set([ActionId.CheckBlock, ActionId.BlocklistUnblock]);

type AnyArgs = AnyMiddlewareArgs & AllMiddlewareArgs;

/** Bolt types `ack` per kind of request; the gate acknowledges all of them. */
type AnyAck = (response?: object) => Promise<void>;

function ackOf(args: AnyArgs): AnyAck | undefined {
  return "ack" in args ? (args.ack as AnyAck) : undefined;
}

function refusalModal(text: string) {
  return {
    response_action: "update",
    view: {
      type: "modal",
      title: { type: "plain_text", text: "Not allowed" },
      close: { type: "plain_text", text: "Close" },
      blocks: renderErrorMessage(text).blocks,
    },
  };
}

/** Why `userId` may not act (NotModeratorError, or why that could not be told), or undefined when they may. */
async function refusalOf(isModerator: IsModerator, userId: string): Promise<unknown> {
  try {
    return (await isModerator({ userId })) ? undefined : new NotModeratorError(userId);
  } catch (error) {
    return error;
  }
}

export function moderatorGate(isModerator: IsModerator, deps: ListenerDeps): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const ack = ackOf(args);
    const command = commandSchema.safeParse(args.body);
    if (command.success) {
      const { text, user_id: userId } = command.data;
      const kind =
        command.data.command === WA_CHECK_COMMAND
          ? parseWaCheck(text, { businessCountry: deps.businessCountry }).kind
          : undefined;
      if (kind === "help" || (kind !== undefined && AUDITED_COMMANDS.has(kind))) return args.next();
      const refused = await refusalOf(isModerator, userId);
      if (refused === undefined) return args.next();
      await ack?.({ response_type: "ephemeral", ...renderErrorMessage(failureText(refused, deps)) });
      return;
    }
    const interaction = interactionSchema.safeParse(args.body);
    // Not a request a person made (or not one this app reads): the listeners decide, and none will act.
    if (!interaction.success) return args.next();
    const { type, user, response_url: responseUrl, channel, actions } = interaction.data;
    if (type === "block_actions" && AUDITED_BUTTONS.has(actions?.[0]?.action_id ?? "")) return args.next();
    const refused = await refusalOf(isModerator, user.id);
    if (refused === undefined) return args.next();

    const text = failureText(refused, deps);
    if (type === "view_submission") {
      await ack?.(refusalModal(text));
      return;
    }
    await ack?.();
    await reply(
      args.client,
      replyTargetOf({ userId: user.id, responseUrl, channelId: channel?.id }),
      renderErrorMessage(text),
      { logger: deps.logger },
    );
  };
}
