import type { Actor } from "../../moderation/types.js";
import type { ReplyTarget } from "../reply/reply.js";

/** The person behind a Slack request: interactions say `username` (older ones `name`), commands `user_name`. */
export interface SlackUser {
  id: string;
  username?: string | undefined;
  name?: string | undefined;
}

/** Who acts, for the core and its audit trail: the Slack user id, with the handle Slack gave when it gave one. */
export function actorOf(user: SlackUser): Actor {
  const displayName = user.username ?? user.name;
  return { userId: user.id, ...(displayName === undefined ? {} : { displayName }) };
}

/** Where an answer to a request goes (see reply), from whichever of its parts the payload carried. */
export function replyTargetOf(parts: {
  userId: string;
  responseUrl?: string | undefined;
  channelId?: string | undefined;
  messageTs?: string | undefined;
}): ReplyTarget {
  const { userId, responseUrl, channelId, messageTs } = parts;
  return {
    userId,
    ...(responseUrl === undefined ? {} : { responseUrl }),
    ...(channelId === undefined ? {} : { channelId }),
    ...(messageTs === undefined ? {} : { messageTs }),
  };
}
