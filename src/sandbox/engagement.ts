import type { SandboxMessage, SandboxState } from "./types.js";

/** Block and report (and the Cloud block) need a message from the contact in the last 24 hours. */
export const ENGAGEMENT_WINDOW_MS = 24 * 60 * 60 * 1000;

export function isEngaged(state: SandboxState, key: string, now: number): boolean {
  const lastInbound = state.engaged.get(key);
  return lastInbound !== undefined && now - lastInbound < ENGAGEMENT_WINDOW_MS;
}

/** A message from a contact: kept (a report sends it) and it opens the contact's 24-hour window. */
export function recordInbound(state: SandboxState, message: SandboxMessage): void {
  state.engaged.set(message.from, message.at);
  state.messages.push(message);
}
