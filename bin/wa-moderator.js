#!/usr/bin/env node
// `npx wa-moderator <command>` and `npm run cli -- <command>`: the operator CLI (docs/CONTRACT.md §10).
// It runs in this very process, so Ctrl-C reaches the CLI itself (an import stops after the rows in flight).
// In a checkout the TypeScript source runs through tsx, so the CLI is always the code in src/, as `npm run dev` is;
// where there is no source or no tsx (the production image: dist/ and production dependencies only), the compiled
// dist/cli/main.js runs, as `npm start` does.
import { existsSync } from "node:fs";

const source = new URL("../src/cli/main.ts", import.meta.url);
const tsx = existsSync(source) ? await import("tsx/esm/api").catch(() => undefined) : undefined;
if (tsx) {
  tsx.register();
  await import(source.href);
} else {
  await import(new URL("../dist/cli/main.js", import.meta.url).href);
}
