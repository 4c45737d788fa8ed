import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAuditRecords } from "../../src/moderation/audit-listing.js";
import { addToBlocklist } from "../../src/sandbox/blocklist-store.js";
import { type SandboxCall, type SandboxHandle, startSandbox } from "../../src/sandbox/index.js";
import { createStore } from "../../src/store/index.js";
import { captureLogger } from "../support/capture-logger.js";
import {
  ACTOR,
  type CliWorld,
  cliWorld,
  csvRows,
  okCalls,
  onCall,
  onPremEnv,
  seed,
  stderrLine,
  waIds,
} from "./cli-harness.js";
import { importFile } from "./import-file.js";

/**
 * The operator CLI against the sandbox in the On-Premises shape (offset pages, 20 requests/s), each command a
 * child process sharing one SQLite store, in the order an operator would go: export, import (interrupted with
 * Ctrl-C, then resumed), a dry run, single actions, and the audit export of all of it.
 */

const ENGAGED = waIds(3000, 310);
const BLOCKED = waIds(5000, 200);
const IMPORT = importFile(ENGAGED);

let sandbox: SandboxHandle;
let world: CliWorld;
let callHook: ((call: SandboxCall) => void) | undefined;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: seed(ENGAGED, BLOCKED) });
  onCall(sandbox, (call) => callHook?.(call));
  world = cliWorld(onPremEnv(sandbox));
});

afterAll(async () => {
  await sandbox?.close();
  world?.dispose();
});

/** The audit records in the CLI's store, read directly (the CLI's own export is tested below). */
async function auditRecordCount(): Promise<number> {
  const store = await createStore(world.env.STORE_URL ?? "", {
    logger: captureLogger(),
    purgeIntervalMs: false,
  });
  try {
    return (await listAuditRecords(store)).length;
  } finally {
    await store.close();
  }
}

const blocklistReads = () =>
  sandbox.state.calls.filter((call) => call.path.startsWith("/v1/contacts/blocklist")).length;

describe("blocklist export (On-Premises: offset pages)", () => {
  it("writes the 200 blocked numbers over several pages, as CSV and as JSON, equal to WhatsApp's list", async () => {
    const readsBefore = blocklistReads();
    const csv = await world.run(["blocklist", "export", "--page-size", "30"]);
    expect(csv.status).toBe(0);
    const rows = csvRows(csv.stdout);
    expect(rows.map((row) => row.wa_id)).toEqual(sandbox.state.blocklist);
    expect(rows).toHaveLength(200);
    expect(rows[0]).toEqual({ number: `+${BLOCKED[0]}`, wa_id: BLOCKED[0], bsuid: "", username: "" });
    expect(blocklistReads() - readsBefore).toBe(7);
    expect(csv.stderr).toContain("Exported 200 blocked contacts in 7 pages");

    const json = await world.run([
      "--json",
      "blocklist",
      "export",
      "--output",
      "blocked.json",
      "--page-size",
      "50",
    ]);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      ok: true,
      exported: 200,
      pages: 4,
      restarts: 0,
      output: "blocked.json",
    });
    const written = JSON.parse(readFileSync(join(world.folder, "blocked.json"), "utf8")) as Array<{
      wa_id: string;
    }>;
    expect(written.map((row) => row.wa_id)).toEqual(sandbox.state.blocklist);
  }, 60_000);

  it("starts again from the first page when the list changes while it is read, writing each number once", async () => {
    let reads = 0;
    callHook = (call) => {
      // Someone blocks a number while the third page is being asked for: the total no longer matches.
      if (call.path.startsWith("/v1/contacts/blocklist") && ++reads === 3)
        addToBlocklist(sandbox.state, ENGAGED[309] ?? "");
    };
    const run = await world.run(["blocklist", "export", "--json", "--page-size", "40"]);
    callHook = undefined;
    expect(run.status).toBe(0);
    const rows = JSON.parse(run.stdout) as Array<{ wa_id: string }>;
    expect(rows.map((row) => row.wa_id)).toEqual(sandbox.state.blocklist);
    expect(rows).toHaveLength(201);
    expect(run.stderr).toContain(
      "The blocklist changed while it was read: starting again from the first page.",
    );
  }, 60_000);
});

describe("blocklist import (On-Premises)", () => {
  it("blocks 295 of 300 rows with no 429, names the 5 bad ones by line, and after Ctrl-C resumes without blocking twice", async () => {
    const file = world.file("overnight.csv", IMPORT.csv);
    const importCalls: SandboxCall[] = [];
    callHook = (call) => importCalls.push(call);
    const blockCalls = () => importCalls.filter((call) => /^\/v1\/contacts\/[^/]+\/block$/.test(call.path));
    const first = world.start(["blocklist", "import", file, "--json"]);
    await stderrLine(first, (line) => /^import: \d+\/297 rows/.test(line));
    first.kill("SIGINT");
    const stopped = await first.done;
    expect(stopped.stderr).toContain("Ctrl-C: stopping the import after the rows in flight");
    expect(stopped.stderr).toContain(`to resume, run: npx wa-moderator blocklist import ${file}`);
    expect(stopped.status).toBe(1);
    const partial = JSON.parse(stopped.stdout) as Record<string, unknown>;
    expect(partial).toMatchObject({ ok: false, stopped: "interrupted", alreadyDone: 0 });
    expect(partial.resume).toBe(`npx wa-moderator blocklist import ${file}`);
    const blockedFirst = partial.blocked as number;
    expect(blockedFirst).toBeGreaterThan(0);
    expect(blockedFirst).toBeLessThan(295);
    // The rows in flight at Ctrl-C finished and were counted; no row was sent after them.
    expect(blockCalls()).toHaveLength(blockedFirst);

    const second = await world.run(["blocklist", "import", file, "--json"]);
    expect(second.status).toBe(1); // five rows were bad
    const summary = JSON.parse(second.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({
      ok: false,
      rows: 300,
      alreadyDone: blockedFirst,
      blocked: 295 - blockedFirst,
    });
    expect(summary).toMatchObject({ failed: [], notAttempted: 0 });
    expect(second.stderr).toContain(
      `Resuming: ${blockedFirst} rows were done by an earlier run of this file`,
    );
    const skipped = summary.skipped as Array<{ line: number; problem: string }>;
    expect(skipped.map((row) => row.line)).toEqual(IMPORT.badLines);
    expect(skipped.map((row) => row.problem)).toEqual([
      expect.stringContaining("has letters in it"),
      expect.stringContaining(`the same contact (+${ENGAGED[0]}) as line 2`),
      expect.stringContaining("reasons must be under 60 characters; this one has 70"),
      expect.stringContaining('unknown action "ban"'),
      expect.stringContaining("not readable as CSV"),
    ]);

    // At the upstream's pace: well over the server's burst of 60, and not one request refused as too many.
    callHook = undefined;
    expect(blockCalls()).toHaveLength(295);
    expect(importCalls.filter((call) => call.status === 429)).toEqual([]);

    // Every good row blocked exactly once across both runs: the second run sent none of the first run's rows again.
    for (const waId of IMPORT.good) {
      expect(okCalls(sandbox, "POST", new RegExp(`^/v1/contacts/%2B${waId}/block$`)), waId).toBe(1);
      expect(sandbox.state.blocklist).toContain(waId);
    }
  }, 120_000);

  it("says in plain text what a run did, and a run of a finished file sends nothing again", async () => {
    const file = world.file("overnight.csv", IMPORT.csv);
    const posts = okCalls(sandbox, "POST", /\/block$/);
    const run = await world.run(["blocklist", "import", file]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      `Import of ${file}: 0 blocked, 0 unblocked, 5 skipped, 0 failed (300 rows).`,
    );
    expect(run.stdout).toContain("295 rows were done by an earlier run of this file and were not sent again");
    expect(run.stdout).toContain(
      `  line ${IMPORT.badLines[2]}: reasons must be under 60 characters; this one has 70`,
    );
    expect(okCalls(sandbox, "POST", /\/block$/)).toBe(posts);
  }, 60_000);

  it("changes nothing in a dry run, and says what would be done", async () => {
    const plan = world.file(
      "cleanup.csv",
      `number,reason,action\n+${ENGAGED[0]},,unblock\n631-555-${ENGAGED[303]?.slice(-4)},spam,block\nnot a number\n`,
    );
    const callsBefore = sandbox.state.calls.length;
    const blocklistBefore = [...sandbox.state.blocklist];
    const auditBefore = await auditRecordCount();
    const run = await world.run(["blocklist", "import", plan, "--dry-run", "--json"]);
    expect(run.status).toBe(1); // one bad row
    expect(JSON.parse(run.stdout)).toMatchObject({
      dryRun: true,
      blocked: 0,
      unblocked: 0,
      wouldDo: [
        { line: 2, action: "unblock", contact: `+${ENGAGED[0]}` },
        { line: 3, action: "block", contact: `+${ENGAGED[303]}`, reason: "spam" },
      ],
      skipped: [{ line: 4, input: "not a number" }],
    });
    const text = await world.run(["blocklist", "import", plan, "--dry-run"]);
    expect(text.stdout).toContain(
      `line 3: would block +1 631-555-${ENGAGED[303]?.slice(-4)} (reason "spam")`,
    );
    expect(text.stdout).toContain(
      "nothing was changed: would block 1 and unblock 1; 1 bad rows would be skipped",
    );
    expect(sandbox.state.calls.length).toBe(callsBefore);
    expect(sandbox.state.blocklist).toEqual(blocklistBefore);
    expect(await auditRecordCount()).toBe(auditBefore);
  }, 60_000);
});

describe("one contact at a time", () => {
  it("blocks, refuses, unblocks, reports, checks and shows history, with --json for scripts", async () => {
    const [reported, other] = [ENGAGED[305] ?? "", ENGAGED[306] ?? ""];
    const messageId = sandbox.state.messages.find((message) => message.from === reported)?.id ?? "";
    const block = await world.run(["block", `+${other}`, "--reason", "spam", "--json"]);
    expect(block.status).toBe(0);
    expect(JSON.parse(block.stdout)).toMatchObject({
      ok: true,
      action: "block",
      audit: { actor: ACTOR, reason: "spam" },
    });

    const notEngaged = await world.run(["block", "+16315559999", "--json"]);
    expect(notEngaged.status).toBe(1);
    expect(JSON.parse(notEngaged.stdout)).toMatchObject({
      ok: false,
      error: { code: "not_engaged", waCode: 2048 },
    });
    expect(notEngaged.stderr).toContain("is not engaged");

    const unblock = await world.run(["unblock", `+${other}`]);
    expect(unblock).toMatchObject({
      status: 0,
      stdout: expect.stringContaining(`Unblocked +1 631-555-${other.slice(-4)}.`),
    });

    const report = await world.run([
      "report",
      `+${reported}`,
      "--message-id",
      messageId,
      "--block",
      "--reason",
      "scam",
    ]);
    expect(report.status).toBe(0);
    expect(report.stdout).toContain("Reported +1 631-555-");
    expect(sandbox.state.reports.at(-1)).toMatchObject({
      waId: reported,
      block: true,
      messageIds: [messageId],
    });

    const check = await world.run(["check", `+${other}`, "--json"]);
    expect(check.status).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({
      ok: true,
      source: "whatsapp",
      rows: [{ e164: `+${other}` }],
    });

    const history = await world.run(["history", `+${other}`, "--json"]);
    const trail = (JSON.parse(history.stdout) as { trail: Array<{ action: string; actor: string }> }).trail;
    expect(trail.map(({ action, actor }) => [action, actor])).toEqual([
      ["unblock", ACTOR],
      ["block", ACTOR],
    ]);
  }, 90_000);
});

describe("audit export", () => {
  it("holds every action, refusals included, each with its actor cli:<os user>", async () => {
    const run = await world.run(["audit", "export", "--format", "csv"]);
    expect(run.status).toBe(0);
    const records = csvRows(run.stdout);
    expect(records.every((record) => record.actor === ACTOR)).toBe(true);
    const okBlocks = new Set(
      records.filter((r) => r.action === "block" && r.outcome === "ok").map((r) => r.contact),
    );
    for (const waId of IMPORT.good) expect(okBlocks.has(`+${waId}`), waId).toBe(true);
    const codes = records.filter((record) => record.outcome === "refused").map((record) => record.error_code);
    expect(codes).toEqual(expect.arrayContaining(["invalid_phone", "reason_too_long", "not_engaged"]));
    expect(records.map((record) => record.action)).toEqual(expect.arrayContaining(["unblock", "report"]));
    const times = records.map((record) => record.at);
    expect(times).toEqual([...times].sort());

    const none = await world.run(["audit", "export", "--since", "2999-01-01", "--json"]);
    expect(JSON.parse(none.stdout)).toEqual([]);
  }, 60_000);
});
