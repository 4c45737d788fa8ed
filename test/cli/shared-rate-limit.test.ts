import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SandboxCall, type SandboxHandle, startSandbox } from "../../src/sandbox/index.js";
import { cliWorld, onCall, onPremEnv, seed, waIds } from "./cli-harness.js";

/**
 * Two imports at once on one store (two operators, or an operator and the bot) share the On-Premises server's
 * 20 requests/s (docs/CONTRACT.md §8): together they stay under it, where each alone at 20/s would double it.
 */

const FIRST = waIds(7000, 150);
const SECOND = waIds(7200, 150);

let sandbox: SandboxHandle;
const calls: SandboxCall[] = [];

beforeAll(async () => {
  // The server's own limit: 20 requests/s with bursts of 60, refusing the rest with 429.
  sandbox = await startSandbox({ seed: seed([...FIRST, ...SECOND], []) });
  onCall(sandbox, (call) => calls.push(call));
});

afterAll(async () => {
  await sandbox?.close();
});

const csv = (numbers: string[]) => `number,reason\n${numbers.map((waId) => `+${waId},spam`).join("\n")}\n`;

describe("two imports at once", () => {
  it("block all 300 rows between them with not one 429, the upstream limit shared through the store", async () => {
    const world = cliWorld(onPremEnv(sandbox));
    try {
      const runs = await Promise.all([
        world.start(["blocklist", "import", world.file("first.csv", csv(FIRST))]).done,
        world.start(["blocklist", "import", world.file("second.csv", csv(SECOND))]).done,
      ]);
      expect(runs.map((run) => run.status)).toEqual([0, 0]);
      expect([...sandbox.state.blocklist].sort()).toEqual([...FIRST, ...SECOND].sort());
      expect(calls.filter((call) => call.status === 429)).toEqual([]);
    } finally {
      world.dispose();
    }
  }, 90_000);
});
