import { userInfo } from "node:os";
import type { Actor } from "../moderation/types.js";

/**
 * Who acts from a terminal: `cli:<os user>` in the audit trail and the audit channel (docs/CONTRACT.md §10).
 * Shell access is the permission, so the moderator rule lets this actor through.
 */
export function cliActor(): Actor {
  const name = osUserName();
  return { userId: `cli:${name}`, displayName: `${name} (command line)` };
}

function osUserName(): string {
  try {
    const { username } = userInfo();
    if (username) return username;
  } catch {
    // A container user with no passwd entry: userInfo() throws; the environment or the uid still names it.
  }
  return process.env.USER || process.env.LOGNAME || `uid-${process.getuid?.() ?? "unknown"}`;
}
