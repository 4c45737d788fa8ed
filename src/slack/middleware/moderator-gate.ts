import type { AllMiddlewareArgs, AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import { z } from "zod";
import type { FlowDeps } from "../flows/deps.js";
import { ActionId, WA_CHECK_COMMAND } from "../ids.js";
import { subcommandOf } from "../input/command-grammar.js";
import { replyTargetOf } from "../input/slack-user.js";
import { reply } from "../reply/reply.js";
import { failureText } from "../text/failure-text.js";
import { renderErrorMessage } from "../views/error-message.js";

/**
 * Global middleware: who is calling is settled before anything reads what they typed. The core says whether the
 * caller may moderate (`moderation.access`). A refused caller's block, unblock, report, Block or Unblock button and
 * report form go on to the core, which refuses them in the same words and keeps the refusal in the audit trail
 * (docs/CONTRACT.md, "Audit"). Anything else a refused caller sends is acknowledged with the refusal and reaches
 * no listener, so nothing is called. Everyone may read `/wa-check help`.
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

// Help is for everyone; block, unblock and report are refused (and audited) by the core.
const SUBCOMMANDS_PAST_THE_GATE: ReadonlySet<string> = new Set(["help", "block", "unblock", "report"]);
const AUDITED_BUTTONS: ReadonlySet<string> = new Set([ActionId.CheckBlock, ActionId.BlocklistUnblock]);

type AnyArgs = AnyMiddlewareArgs & AllMiddlewareArgs;

/** Bolt types `ack` per kind of request; the gate acknowledges all of them. */
type AnyAck = (response?: object) => Promise<void>;

function ackOf(args: AnyArgs): AnyAck | undefined {
  return "ack" in args ? (args.ack as AnyAck) : undefined;
}

/** Why `userId` may not act, as the core decides it, or undefined when they may. */
async function refusalOf(deps: FlowDeps, userId: string): Promise<unknown> {
  try {
    await deps.moderation.access({ userId });
    return undefined;
  } catch (error) {
    return error;
  }
}

export function moderatorGate(deps: FlowDeps): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const ack = ackOf(args);
    const command = commandSchema.safeParse(args.body);
    if (command.success) {
      const { text, user_id: userId } = command.data;
      const refused = await refusalOf(deps, userId);
      if (refused === undefined) return args.next();
      if (command.data.command === WA_CHECK_COMMAND && SUBCOMMANDS_PAST_THE_GATE.has(subcommandOf(text))) {
        return args.next();
      }
      await ack?.({ response_type: "ephemeral", ...renderErrorMessage(failureText(refused, deps)) });
      return;
    }
    const interaction = interactionSchema.safeParse(args.body);
    // Not a request a person made (or not one this app reads): the listeners decide, and none will act.
    if (!interaction.success) return args.next();
    const { type, user, response_url: responseUrl, channel, actions } = interaction.data;
    const refused = await refusalOf(deps, user.id);
    if (refused === undefined) return args.next();
    if (type === "view_submission") return args.next();
    if (type === "block_actions" && AUDITED_BUTTONS.has(actions?.[0]?.action_id ?? "")) return args.next();

    await ack?.();
    await reply(
      args.client,
      replyTargetOf({ userId: user.id, responseUrl, channelId: channel?.id }),
      renderErrorMessage(failureText(refused, deps)),
      { logger: deps.logger },
    );
  };
}
