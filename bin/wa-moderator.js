#!/usr/bin/env node
// `npx wa-moderator <command>` and `npm run cli -- <command>`: the operator CLI (docs/CONTRACT.md §10).
// It runs in this very process, so Ctrl-C reaches the CLI itself (an import stops after the rows in flight).
// Until the project is compiled, the TypeScript source runs through tsx; once the build emits dist/, the entry
// below becomes "../dist/cli/main.js" and tsx is no longer loaded: that one line is the whole switch.
const ENTRY = "../src/cli/main.ts";

if (ENTRY.endsWith(".ts")) {
  const { register } = await import("tsx/esm/api");
  register();
}
await import(new URL(ENTRY, import.meta.url).href);
