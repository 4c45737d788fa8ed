import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addToBlocklist } from "../../src/sandbox/blocklist-store.js";
import {
  type CloudSandboxHandle,
  type SandboxCall,
  type SandboxSeed,
  startSandbox,
} from "../../src/sandbox/index.js";
import {
  ACTOR,
  type CliWorld,
  cliWorld,
  cloudEnv,
  csvRows,
  okCalls,
  onCall,
  seed,
  waIds,
} from "./cli-harness.js";
import { importFile } from "./import-file.js";

/**
 * The operator CLI against the sandbox in the Cloud API shape (cursor pages that go stale when the list changes,
 * BSUIDs, no contact check and no report upstream), each command a child process sharing one SQLite store.
 */

const ENGAGED = waIds(6000, 310);
const BLOCKED = waIds(8000, 200);
const IMPORT = importFile(ENGAGED);
/** A user known only by BSUID and username (no phone number), blocked after the 200 numbers. */
const NO_NUMBER = "US.15820394857610293847";

function cloudSeed(): SandboxSeed {
  const base = seed(ENGAGED, BLOCKED);
  return {
    ...base,
    users: [...base.users, { user_id: NO_NUMBER, username: "@nightowl.deals" }],
    blocklist: [...BLOCKED, NO_NUMBER],
  };
}

/** The key each blocklist row has: its wa_id, or its BSUID when it has no number. */
const keyOf = (row: Partial<Record<"wa_id" | "bsuid", string | null>>) => row.wa_id || row.bsuid;

let sandbox: CloudSandboxHandle;
let world: CliWorld;
let callHook: ((call: SandboxCall) => void) | undefined;

beforeAll(async () => {
  // No rate limit here: pacing is the On-Premises suite's business, and Graph's 429s are retried by the client.
  sandbox = await startSandbox({ shape: "cloud", seed: cloudSeed(), rateLimit: false });
  onCall(sandbox, (call) => callHook?.(call));
  world = cliWorld(cloudEnv(sandbox));
});

afterAll(async () => {
  await sandbox?.close();
  world?.dispose();
});

const bsuidOf = (waId: string) => sandbox.state.users.get(waId)?.userId ?? "";

describe("blocklist export (Cloud: cursor pages)", () => {
  it("writes the 200 blocked numbers (and a contact known only by BSUID) over several pages, as CSV and JSON", async () => {
    const csv = await world.run(["blocklist", "export", "--page-size", "30"]);
    expect(csv.status).toBe(0);
    const rows = csvRows(csv.stdout);
    expect(rows.map(keyOf)).toEqual(sandbox.state.blocklist);
    expect(rows[0]).toEqual({ number: `+${BLOCKED[0]}`, wa_id: BLOCKED[0], bsuid: "", username: "" });
    expect(rows.at(-1)).toEqual({ number: "", wa_id: "", bsuid: NO_NUMBER, username: "" });
    expect(csv.stderr).toContain("Exported 201 blocked contacts in 7 pages");

    const json = await world.run(["blocklist", "export", "--format", "json", "--page-size", "75"]);
    expect(json.status).toBe(0);
    const parsed = JSON.parse(json.stdout) as Array<{ wa_id: string | null; bsuid: string | null }>;
    expect(parsed.map(keyOf)).toEqual(sandbox.state.blocklist);
    expect(parsed.at(-1)).toEqual({ number: null, wa_id: null, bsuid: NO_NUMBER, username: null });
  }, 60_000);

  it("starts again from the first page when WhatsApp says the list changed (139102), writing each contact once", async () => {
    let reads = 0;
    callHook = (call) => {
      if (call.method === "GET" && call.path.includes("/block_users") && ++reads === 3) {
        addToBlocklist(sandbox.state, ENGAGED[309] ?? "");
      }
    };
    const run = await world.run(["blocklist", "export", "--json", "--page-size", "40"]);
    callHook = undefined;
    expect(run.status).toBe(0);
    const rows = JSON.parse(run.stdout) as Array<{ wa_id: string | null; bsuid: string | null }>;
    expect(rows.map(keyOf)).toEqual(sandbox.state.blocklist);
    expect(rows).toHaveLength(202);
    expect(run.stderr).toContain("starting again from the first page");
  }, 60_000);
});

describe("blocklist import (Cloud)", () => {
  it("blocks 295 of 300 rows and names the 5 bad ones by their line", async () => {
    const file = world.file("overnight.csv", IMPORT.csv);
    const posts = okCalls(sandbox, "POST", /\/block_users$/);
    const run = await world.run(["blocklist", "import", file]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      `Import of ${file}: 295 blocked, 0 unblocked, 5 skipped, 0 failed (300 rows).`,
    );
    for (const line of IMPORT.badLines) expect(run.stdout).toMatch(new RegExp(`^  line ${line}: `, "m"));
    expect(okCalls(sandbox, "POST", /\/block_users$/) - posts).toBe(295);
    for (const waId of IMPORT.good) expect(sandbox.state.blocklist, waId).toContain(waId);
  }, 90_000);

  it("takes a BSUID where a number goes, and reads an export back (here, as a dry run of unblocking all)", async () => {
    const byBsuid = bsuidOf(ENGAGED[304] ?? "");
    const bsuidFile = world.file("bsuid.csv", `number,reason\n${byBsuid},impersonation\n`);
    const blocked = await world.run(["blocklist", "import", bsuidFile, "--json"]);
    expect(blocked.status).toBe(0);
    expect(JSON.parse(blocked.stdout)).toMatchObject({ ok: true, blocked: 1, skipped: [], failed: [] });
    expect(sandbox.state.blocklist).toContain(ENGAGED[304]);

    expect((await world.run(["blocklist", "export", "--output", "all.csv"])).status).toBe(0);
    const dry = await world.run(["blocklist", "import", "all.csv", "--unblock", "--dry-run", "--json"]);
    const plan = JSON.parse(dry.stdout) as {
      ok: boolean;
      wouldDo: Array<{ action: string; contact: string }>;
    };
    expect(dry.status).toBe(0);
    const contacts = sandbox.state.blocklist.map((key) => (key.startsWith("US.") ? key : `+${key}`));
    expect(plan.wouldDo.map((row) => row.contact)).toEqual(contacts);
    expect(new Set(plan.wouldDo.map((row) => row.action))).toEqual(new Set(["unblock"]));
  }, 90_000);
});

describe("one contact at a time, and the audit export", () => {
  it("answers check from what the bot knows, records a report, and exports every action with its actor", async () => {
    const contact = ENGAGED[0] ?? "";
    const check = await world.run(["check", `+${contact}`, "--json"]);
    expect(check.status).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({
      source: "local",
      rows: [
        { status: "unchecked", local: { blockedHere: true, lastAction: { action: "block", actor: ACTOR } } },
      ],
    });

    const report = await world.run(["report", `+${ENGAGED[305]}`, "--reason", "scam"]);
    expect(report.status).toBe(0);
    expect(report.stdout).toContain("WhatsApp offers businesses no report API");

    const audit = await world.run(["audit", "export", "--json"]);
    expect(audit.status).toBe(0);
    const records = JSON.parse(audit.stdout) as Array<{
      actor: string;
      action: string;
      outcome: string;
      contact: string;
    }>;
    expect(records.every((record) => record.actor === ACTOR)).toBe(true);
    expect(records.filter((r) => r.action === "block" && r.outcome === "ok")).toHaveLength(296);
    expect(records).toContainEqual(
      expect.objectContaining({ action: "report", contact: `+${ENGAGED[305]}`, outcome: "ok" }),
    );
  }, 90_000);
});
