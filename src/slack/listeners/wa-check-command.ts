import { z } from "zod";
import type { FlowDeps } from "../flows/deps.js";
import { createSession, type Session } from "../flows/session.js";
import { parseWaCheck, type WaCheckCommand } from "../input/command-grammar.js";
import { actorOf, replyTargetOf } from "../input/slack-user.js";
import type { AfterAck } from "../middleware/after-ack.js";
import type { SlackClient } from "../reply/reply.js";
import { failureText } from "../text/failure-text.js";
import type { SlackMessage } from "../views/blocks.js";
import { renderErrorMessage } from "../views/error-message.js";
import { renderHelp } from "../views/help.js";

/** The slash command payload fields used here; Slack sends more. */
const slashCommandSchema = z.looseObject({
  text: z.string().default(""),
  user_id: z.string().min(1),
  user_name: z.string().optional(),
  channel_id: z.string().min(1).optional(),
  response_url: z.url().optional(),
});

export type CommandAckBody = SlackMessage & { response_type: "ephemeral" | "in_channel" };

export interface WaCheckArgs {
  command: unknown;
  ack: (body?: CommandAckBody) => Promise<void>;
  client: SlackClient;
  afterAck?: AfterAck | undefined;
}

/** `/wa-check`: parses the text, then hands the form to its runner; help and usage mistakes are answered in the ack. */
type SubcommandForm = Exclude<WaCheckCommand, { kind: "help" | "invalid" }>;
type SubcommandFlow<K extends SubcommandForm["kind"]> = (
  session: Session,
  form: Extract<SubcommandForm, { kind: K }>,
) => Promise<void>;

/** The flow each sub-command runs. */
export type SubcommandFlows = { [K in SubcommandForm["kind"]]: SubcommandFlow<K> };

export async function waCheckCommand(
  args: WaCheckArgs,
  deps: FlowDeps,
  subcommands: SubcommandFlows,
): Promise<void> {
  const command = slashCommandSchema.parse(args.command);
  const parsed = parseWaCheck(command.text, { businessCountry: deps.businessCountry });
  if (parsed.kind === "help") {
    await args.ack({ ...renderHelp(), response_type: parsed.public ? "in_channel" : "ephemeral" });
    return;
  }
  if (parsed.kind === "invalid") {
    await args.ack({ ...renderErrorMessage(failureText(parsed.error, deps)), response_type: "ephemeral" });
    return;
  }
  const session = createSession({
    actor: actorOf({ id: command.user_id, username: command.user_name }),
    deps,
    client: args.client,
    target: replyTargetOf({
      userId: command.user_id,
      responseUrl: command.response_url,
      channelId: command.channel_id,
    }),
    isPublic: parsed.public,
    acknowledge: (note) => args.ack(note),
    ackShowsProgress: true,
    afterAck: args.afterAck,
  });
  // A sub-command's flow gets its own form: the table (listeners/index.ts) pairs each kind with its flow.
  await (subcommands[parsed.kind] as SubcommandFlow<typeof parsed.kind>)(session, parsed);
}
