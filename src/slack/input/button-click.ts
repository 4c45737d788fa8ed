import { z } from "zod";
import type { FlowDeps } from "../flows/deps.js";
import { createSession, type Session } from "../flows/session.js";
import type { AfterAck } from "../middleware/after-ack.js";
import type { SlackClient } from "../reply/reply.js";
import { actorOf, replyTargetOf } from "./slack-user.js";

/** The block_actions payload fields used here; Slack sends more. */
const blockActionSchema = z.looseObject({
  user: z.looseObject({
    id: z.string().min(1),
    username: z.string().optional(),
    name: z.string().optional(),
  }),
  trigger_id: z.string().optional(),
  response_url: z.url().optional(),
  channel: z.looseObject({ id: z.string().min(1) }).optional(),
  container: z
    .looseObject({
      message_ts: z.string().optional(),
      channel_id: z.string().optional(),
      is_ephemeral: z.boolean().optional(),
    })
    .optional(),
  actions: z.array(z.looseObject({ action_id: z.string(), value: z.string().optional() })).min(1),
});

export type BlockActionBody = z.infer<typeof blockActionSchema>;

export interface ClickArgs {
  body: unknown;
  ack: () => Promise<void>;
  client: SlackClient;
  afterAck?: AfterAck | undefined;
}

export interface Click<T> {
  body: BlockActionBody;
  /** The clicked button's value, decoded. */
  value: T;
  channelId: string | undefined;
  session: Session;
}

/**
 * Where a click's answer goes, keeping the clicked message's visibility: "replace" puts it in place of the
 * clicked message (through the click's response_url, or chat.update when the message is not ephemeral);
 * "below" adds it as a new message and leaves the clicked one as it was.
 */
export type ClickAnswer = "replace" | "below";

/**
 * Reads a button click and prepares its answer (see ClickAnswer). A button value that cannot be decoded is
 * answered with a refusal here, and undefined returned.
 */
export async function openClickSession<T>(
  args: ClickArgs,
  deps: FlowDeps,
  decode: (value: string | undefined) => T,
  answer: ClickAnswer,
): Promise<Click<T> | undefined> {
  const body = blockActionSchema.parse(args.body);
  const channelId = body.channel?.id ?? body.container?.channel_id;
  const isEphemeral = body.container?.is_ephemeral ?? true;
  const session = createSession({
    actor: actorOf(body.user),
    deps,
    client: args.client,
    target: replyTargetOf({
      userId: body.user.id,
      responseUrl: body.response_url,
      channelId,
      messageTs: isEphemeral ? undefined : body.container?.message_ts,
    }),
    isPublic: !isEphemeral,
    acknowledge: () => args.ack(),
    ackShowsProgress: false,
    afterAck: args.afterAck,
    replaceOriginal: answer === "replace",
  });
  try {
    return { body, value: decode(body.actions[0]?.value), channelId, session };
  } catch (error) {
    await session.refuse(error);
    return undefined;
  }
}
