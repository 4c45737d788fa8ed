import type { AppLogger } from "../log/logger.js";
import { ModeratorGroupsUnavailableError } from "./errors.js";
import type { Actor, IsModerator } from "./types.js";

/**
 * Who may moderate: a Slack user listed in MODERATORS, or a member of a user group listed there. Group members
 * come from `groupMembers` (Slack's `usergroups.users.list`) and are kept: a list older than the TTL is still used while a fresh one is
 * fetched in the background, so a click waits for Slack only the first time a group is needed. The check runs
 * before Slack's 3-second acknowledgement, so `groupMembers` should fail fast (no retries, a short
 * timeout). When a group cannot be listed the person is not found in any other way, the check throws
 * ModeratorGroupsUnavailableError: neither "you are not a moderator" (untrue) nor "yes" (unsafe).
 */

export interface ModeratorList {
  users: string[];
  groups: string[];
}

/** The user ids in a user group; throws when they cannot be listed. */
export type GroupMembers = (groupId: string) => Promise<string[]>;

export interface ModeratorRuleOptions {
  groupMembers: GroupMembers;
  moderators: ModeratorList;
  logger: AppLogger;
  /** How long a group's member list is current; default five minutes. */
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

export function createModeratorRule(options: ModeratorRuleOptions): IsModerator {
  const { groupMembers, moderators, logger } = options;
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const now = options.now ?? Date.now;
  const users = new Set(moderators.users);
  const cache = new Map<string, CachedGroup>();
  const pending = new Map<string, Promise<Set<string> | undefined>>();

  /** The group's members from Slack, or undefined when Slack did not say (logged). */
  const fetchGroup = async (groupId: string): Promise<Set<string> | undefined> => {
    try {
      const members = new Set(await groupMembers(groupId));
      cache.set(groupId, { members, fetchedAt: now() });
      return members;
    } catch (error) {
      logger.warn("could not list the members of a moderator user group", {
        groupId,
        keptList: cache.has(groupId),
        error: error instanceof Error ? error.message : String(error),
      });
      return undefined;
    } finally {
      pending.delete(groupId);
    }
  };

  // One request per group however many clicks arrive while it is in flight.
  const refresh = (groupId: string): Promise<Set<string> | undefined> => {
    const inFlight = pending.get(groupId);
    if (inFlight !== undefined) return inFlight;
    const request = fetchGroup(groupId);
    pending.set(groupId, request);
    return request;
  };

  const membersOf = async (groupId: string): Promise<Set<string> | undefined> => {
    const cached = cache.get(groupId);
    if (cached === undefined) return refresh(groupId);
    if (now() - cached.fetchedAt >= ttlMs) void refresh(groupId);
    return cached.members;
  };

  return async (actor: Actor) => {
    if (users.has(actor.userId)) return true;
    const lists = await Promise.all(moderators.groups.map(membersOf));
    if (lists.some((members) => members?.has(actor.userId))) return true;
    const unknown = moderators.groups.filter((_, index) => lists[index] === undefined);
    if (unknown.length > 0) throw new ModeratorGroupsUnavailableError(actor.userId, unknown);
    return false;
  };
}
