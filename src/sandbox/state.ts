import type { ParsedSandboxSeed } from "./seed-schema.js";
import type { SandboxCall, SandboxState } from "./types.js";

const MINUTE_MS = 60_000;
/** Enough history to inspect a test run or a demo session without growing without bound. */
const MAX_CALLS_KEPT = 1000;

export function createState(
  seed: ParsedSandboxSeed,
  options: { now: number; apiVersion: string; newMessageId: () => string },
): SandboxState {
  const state: SandboxState = {
    businessNumber: seed.businessNumber,
    countryCode: seed.countryCode,
    apiVersion: options.apiVersion,
    users: new Map(
      seed.users.map((user) => [
        user.wa_id,
        user.name ? { waId: user.wa_id, name: user.name } : { waId: user.wa_id },
      ]),
    ),
    engaged: new Map(),
    blocklist: [...new Set(seed.blocklist)],
    reports: [],
    messages: [],
    calls: [],
    lookupCache: new Map(),
    pendingLookups: new Map(),
  };
  // Each engaged contact gets the message that engaged it, so a report without message_id has something to send.
  for (const contact of seed.engaged) {
    const at = options.now - contact.lastInboundMinutesAgo * MINUTE_MS;
    state.engaged.set(contact.wa_id, at);
    state.messages.push({ id: options.newMessageId(), from: contact.wa_id, at, type: "text", text: "Hello" });
  }
  return state;
}

export function recordCall(state: SandboxState, call: SandboxCall): SandboxCall {
  state.calls.push(call);
  if (state.calls.length > MAX_CALLS_KEPT) state.calls.splice(0, state.calls.length - MAX_CALLS_KEPT);
  return call;
}

/** The state as JSON for GET /sandbox/state. */
export function stateSnapshot(state: SandboxState): Record<string, unknown> {
  return {
    businessNumber: state.businessNumber,
    countryCode: state.countryCode,
    apiVersion: state.apiVersion,
    users: [...state.users.values()],
    engaged: Object.fromEntries(state.engaged),
    blocklist: state.blocklist,
    reports: state.reports,
    messages: state.messages,
    calls: state.calls,
    lookupCache: Object.fromEntries(state.lookupCache),
    pendingLookups: Object.fromEntries(state.pendingLookups),
  };
}
