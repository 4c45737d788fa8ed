import { contactStatusIsAlwaysValid } from "./api-version.js";
import { findWaId, translateContactInput } from "./numbers.js";
import type { CachedLookup, SandboxState } from "./types.js";

/** The server keeps look-up results for 7 days; `force_check` skips them. */
export const LOOKUP_CACHE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface ContactAnswer {
  input: string;
  status: "processing" | "valid" | "invalid";
  wa_id?: string;
}

export interface LookupRequest {
  blocking: "wait" | "no_wait";
  forceCheck: boolean;
}

function answer(input: string, lookup: Omit<CachedLookup, "checkedAt">): ContactAnswer {
  return lookup.waId === undefined
    ? { input, status: lookup.status }
    : { input, status: lookup.status, wa_id: lookup.waId };
}

/**
 * One `contacts[]` entry as the server answers it. A number with no fresh cached result starts a look-up; with
 * `no_wait` that look-up answers "processing" `processingRounds` times before its final status, with `wait` at once.
 * `force_check` skips the cache but not a look-up already under way, so re-polling with it still ends; a re-poll
 * without it finishes the look-up under way rather than answering from the cache the forced check skipped.
 */
export function lookUpContact(
  state: SandboxState,
  input: string,
  request: LookupRequest,
  settings: { processingRounds: number; now: number },
): ContactAnswer {
  const digits = translateContactInput(input, state.countryCode);
  if (digits === undefined) return { input, status: "invalid" };
  if (contactStatusIsAlwaysValid(state.apiVersion)) return { input, status: "valid", wa_id: digits };

  const cached = state.lookupCache.get(digits);
  // A look-up under way (a forced one, say) is finished by the re-poll, not answered from the older result.
  const underWay = state.pendingLookups.has(digits);
  if (cached && !request.forceCheck && !underWay && settings.now - cached.checkedAt < LOOKUP_CACHE_TTL_MS) {
    return answer(input, cached);
  }
  const rounds = state.pendingLookups.get(digits) ?? 0;
  if (request.blocking === "no_wait" && rounds < settings.processingRounds) {
    state.pendingLookups.set(digits, rounds + 1);
    return { input, status: "processing" };
  }
  state.pendingLookups.delete(digits);
  const waId = findWaId(state.users, digits);
  const result: CachedLookup =
    waId === undefined
      ? { status: "invalid", checkedAt: settings.now }
      : { status: "valid", waId, checkedAt: settings.now };
  state.lookupCache.set(digits, result);
  return answer(input, result);
}
