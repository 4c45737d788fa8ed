import { deriveBsuid } from "./bsuid.js";
import { recordInbound } from "./engagement.js";
import type { ParsedSandboxSeed } from "./seed-schema.js";
import type { SandboxCall, SandboxShape, SandboxState, SandboxUser } from "./types.js";
import { addUser, isWaIdKey } from "./users.js";

const MINUTE_MS = 60_000;
/** Enough history to inspect a test run or a demo session without growing without bound. */
const MAX_CALLS_KEPT = 1000;

type SeedUser = ParsedSandboxSeed["users"][number];

/**
 * A seed user as the shape knows it. The On-Premises API knows users by wa_id only: no BSUID, no username, and a
 * user without a phone number does not exist there. On the Cloud shape every user has a BSUID (one is derived
 * from the wa_id where the seed gives none), as every Cloud webhook names one.
 */
function userFor(shape: SandboxShape, seed: SeedUser): SandboxUser | undefined {
  const name = seed.name === undefined ? {} : { name: seed.name };
  if (shape === "onprem") return seed.wa_id === undefined ? undefined : { waId: seed.wa_id, ...name };
  const userId = seed.user_id ?? (seed.wa_id === undefined ? undefined : deriveBsuid(seed.wa_id));
  if (userId === undefined) return undefined;
  return {
    ...(seed.wa_id === undefined ? {} : { waId: seed.wa_id }),
    userId,
    ...(seed.username === undefined ? {} : { username: seed.username }),
    ...name,
  };
}

export function createState(
  seed: ParsedSandboxSeed,
  options: { shape: SandboxShape; now: number; apiVersion: string; newMessageId: () => string },
): SandboxState {
  const state: SandboxState = {
    businessNumber: seed.businessNumber,
    countryCode: seed.countryCode,
    apiVersion: options.apiVersion,
    users: new Map(),
    userIds: new Map(),
    engaged: new Map(),
    blocklist: [],
    // Microseconds, like the versionId inside Meta's cursors; it only has to differ between runs and changes.
    blocklistVersion: options.now * 1000,
    reports: [],
    messages: [],
    calls: [],
    lookupCache: new Map(),
    pendingLookups: new Map(),
  };
  // The seed names users by wa_id or BSUID; a BSUID resolves to the user's key even where the shape has no BSUIDs.
  const keyOf = new Map<string, string>();
  for (const seedUser of seed.users) {
    const key = seedUser.wa_id ?? seedUser.user_id;
    if (key === undefined) continue;
    if (seedUser.user_id !== undefined) keyOf.set(seedUser.user_id, key);
    const user = userFor(options.shape, seedUser);
    if (user) addUser(state, key, user);
  }
  const known = (id: string): string | undefined => {
    const key = keyOf.get(id) ?? id;
    return state.users.has(key) || isWaIdKey(key) ? key : undefined;
  };
  for (const id of seed.blocklist) {
    const key = known(id);
    if (key !== undefined && !state.blocklist.includes(key)) state.blocklist.push(key);
  }
  // Each engaged contact gets the message that engaged it, so a report without message_id has something to send.
  for (const contact of seed.engaged) {
    const key = known(contact.wa_id ?? contact.user_id ?? "");
    if (key === undefined) continue;
    const at = options.now - contact.lastInboundMinutesAgo * MINUTE_MS;
    recordInbound(state, { id: options.newMessageId(), from: key, at, type: "text", text: "Hello" });
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
