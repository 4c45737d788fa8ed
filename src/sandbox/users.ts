import { SandboxInputError } from "./errors.js";
import { findWaId, parseContactId, WA_ID_PATTERN } from "./numbers.js";
import type { SandboxState, SandboxUser } from "./types.js";

/**
 * Users are keyed by wa_id, or by BSUID when the business knows no phone number for them (docs/CONTRACT.md, "what
 * check means": contacts are keyed by wa_id when known, else by BSUID).
 */
export function addUser(state: SandboxState, key: string, user: SandboxUser): void {
  state.users.set(key, user);
  if (user.userId !== undefined) state.userIds.set(user.userId, key);
}

/** True for a key that is a wa_id (a phone number's account), false for a BSUID key. */
export function isWaIdKey(key: string): boolean {
  return WA_ID_PATTERN.test(key);
}

/**
 * The key of the account a sender's number reaches ("+16315551000" or a bare wa_id): a known user's wa_id (with
 * the country's digit rewrites), else the number's own digits, a user to be.
 */
export function senderKeyForPhone(state: SandboxState, from: string): string {
  const digits = parseContactId(from);
  if (digits === undefined) {
    throw new SandboxInputError(`"${from}" is not a phone number ("+16315551000") or a wa_id`);
  }
  return findWaId(state.users, digits) ?? digits;
}
