import type { AllMiddlewareArgs, AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import { z } from "zod";
import { NotModeratorError } from "../moderation/errors.js";
import type { IsModerator } from "../moderation/types.js";
import { parseWaCheck } from "./command-parser.js";
import { WA_CHECK_COMMAND } from "./ids.js";
import type { ListenerDeps } from "./listeners/deps.js";
import { failureText } from "./listeners/failure.js";
import { replyTargetOf } from "./listeners/slack-people.js";
import { reply } from "./respond.js";
import { renderErrorMessage } from "./views/error-message.js";

/**
 * Global middleware: only moderators get past it. Everyone may read `/wa-check help`. A refused request is
 * acknowledged with the refusal (who is asking, MODERATORS, whom to ask) and reaches no listener, so nothing is
 * called. The core checks again on its own (it takes the same IsModerator).
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
});

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
      if (command.data.command === WA_CHECK_COMMAND && parseWaCheck(text).kind === "help") return args.next();
      const refused = await refusalOf(isModerator, userId);
      if (refused === undefined) return args.next();
      await ack?.({ response_type: "ephemeral", ...renderErrorMessage(failureText(refused, deps)) });
      return;
    }
    const interaction = interactionSchema.safeParse(args.body);
    // Not a request a person made (or not one this app reads): the listeners decide, and none will act.
    if (!interaction.success) return args.next();
    const { type, user, response_url: responseUrl, channel } = interaction.data;
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
