import type { SandboxState } from "./types.js";

/**
 * The one way the blocklist changes, on either shape: each change moves `blocklistVersion`, which turns Cloud
 * paging cursors issued before it stale (139102).
 */
export function addToBlocklist(state: SandboxState, key: string): void {
  if (state.blocklist.includes(key)) return;
  state.blocklist.push(key);
  state.blocklistVersion += 1;
}

export function removeFromBlocklist(state: SandboxState, key: string): void {
  const index = state.blocklist.indexOf(key);
  if (index < 0) return;
  state.blocklist.splice(index, 1);
  state.blocklistVersion += 1;
}
