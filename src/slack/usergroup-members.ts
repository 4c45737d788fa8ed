import type { GroupMembers } from "../moderation/moderator-rule.js";
import type { SlackClient } from "./reply/reply.js";

/** A user group's members, from Slack (`usergroups.users.list`), for the moderator rule. */
export function slackGroupMembers(client: SlackClient): GroupMembers {
  return async (groupId) => {
    const result = await client.usergroups.users.list({ usergroup: groupId });
    return result.users ?? [];
  };
}
