import { z } from "zod";
import { parseWaCheck } from "../../command-parser.js";
import type { SlackClient } from "../../respond.js";
import type { SlackMessage } from "../../views/blocks.js";
import { renderErrorMessage } from "../../views/error-message.js";
import { renderHelp } from "../../views/help.js";
import type { ListenerDeps } from "../deps.js";
import { failureText } from "../failure.js";
import { createSession } from "../session.js";
import { actorOf, replyTargetOf } from "../slack-people.js";
import { runBlock } from "./block.js";
import { runBlocklist } from "./blocklist.js";
import { runCheck } from "./check-numbers.js";
import { runHistory } from "./history.js";
import { runReport } from "./report.js";
import { runUnblock } from "./unblock.js";

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
}

/** `/wa-check`: parses the text, then hands the form to its runner; help and usage mistakes are answered in the ack. */
export async function waCheckCommand(args: WaCheckArgs, deps: ListenerDeps): Promise<void> {
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
  });
  switch (parsed.kind) {
    case "check":
      return runCheck(session, parsed);
    case "block":
      return runBlock(session, parsed.number, parsed.reason);
    case "unblock":
      return runUnblock(session, parsed.number);
    case "report":
      return runReport(session, parsed.number, {
        block: parsed.block,
        ...(parsed.reason === undefined ? {} : { reason: parsed.reason }),
        ...(parsed.messageId === undefined ? {} : { messageId: parsed.messageId }),
      });
    case "blocklist":
      return runBlocklist(session, parsed.page);
    case "history":
      return runHistory(session, parsed.number);
  }
}
