import { SandboxInputError } from "./errors.js";

export const DEFAULT_API_VERSION = "v2.41.2";

const VERSION_PATTERN = /^v(\d+)\.(\d+)\.(\d+)$/;

/** Throws unless `version` looks like the server's `meta.version` ("v2.41.2"). */
export function assertApiVersion(version: string): void {
  if (!VERSION_PATTERN.test(version)) {
    throw new SandboxInputError(`API version must look like "v2.41.2"; got "${version}"`);
  }
}

/** From v2.43 the server no longer looks contacts up: every status is "valid" and wa_id is the input's digits. */
export function contactStatusIsAlwaysValid(version: string): boolean {
  const match = VERSION_PATTERN.exec(version);
  if (!match) return false;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major > 2 || (major === 2 && minor >= 43);
}

/** Switches `meta.version` (and with it the contact-check semantics) for every later answer. */
export function changeApiVersion(state: { apiVersion: string }, version: string): void {
  assertApiVersion(version);
  state.apiVersion = version;
}
