import type { AppLogger } from "../logger.js";
import type { Actor, IsModerator } from "../moderation/types.js";
import type { SlackClient } from "./respond.js";

/**
 * Who may moderate: a Slack user listed in MODERATORS, or a member of a user group listed there. Group members
 * come from `usergroups.users.list`, cached for a few minutes so a busy moderator does not cost an API call per
 * click; when Slack cannot say, the person is treated as not a member (refusing is the safe mistake).
 */

export interface ModeratorList {
  users: string[];
  groups: string[];
}

export interface ModeratorCheckOptions {
  client: SlackClient;
  moderators: ModeratorList;
  logger: AppLogger;
  /** How long a group's member list is trusted; default five minutes. */
  ttlMs?: number;
  now?: () => number;
}

const DEFAULT_TTL_MS = 5 * 60_000;

interface CachedGroup {
  members: Set<string>;
  fetchedAt: number;
}

export function hasModerators(moderators: ModeratorList): boolean {
  return moderators.users.length > 0 || moderators.groups.length > 0;
}

export function createModeratorCheck(options: ModeratorCheckOptions): IsModerator {
  const { client, moderators, logger } = options;
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const now = options.now ?? Date.now;
  const users = new Set(moderators.users);
  const cache = new Map<string, CachedGroup>();
  const pending = new Map<string, Promise<Set<string>>>();

  const fetchGroup = async (groupId: string): Promise<Set<string>> => {
    try {
      const result = await client.usergroups.users.list({ usergroup: groupId });
      const members = new Set(result.users ?? []);
      cache.set(groupId, { members, fetchedAt: now() });
      return members;
    } catch (error) {
      logger.warn("could not list the members of a moderator user group; treating as not a member", {
        groupId,
        error: error instanceof Error ? error.message : String(error),
      });
      return new Set();
    } finally {
      pending.delete(groupId);
    }
  };

  const membersOf = (groupId: string): Promise<Set<string>> => {
    const cached = cache.get(groupId);
    if (cached !== undefined && now() - cached.fetchedAt < ttlMs) return Promise.resolve(cached.members);
    // One request per group however many clicks arrive while it is in flight.
    const inFlight = pending.get(groupId);
    if (inFlight !== undefined) return inFlight;
    const request = fetchGroup(groupId);
    pending.set(groupId, request);
    return request;
  };

  return async (actor: Actor) => {
    if (users.has(actor.userId)) return true;
    const groups = await Promise.all(moderators.groups.map(membersOf));
    return groups.some((members) => members.has(actor.userId));
  };
}
