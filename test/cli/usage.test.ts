import { afterAll, describe, expect, it } from "vitest";
import { APP_VERSION } from "../../src/common/version.js";
import { cliWorld, runAll } from "./cli-harness.js";

/**
 * What needs no WhatsApp: help for every command (exit 0) and bad usage (exit 2) before anything is opened, and a
 * configuration problem named in plain words (exit 1) with no secret in it.
 */

const world = cliWorld({});
afterAll(() => world.dispose());

const COMMANDS = [
  [],
  ["check"],
  ["block"],
  ["unblock"],
  ["report"],
  ["history"],
  ["blocklist"],
  ["blocklist", "export"],
  ["blocklist", "import"],
  ["audit"],
  ["audit", "export"],
];

describe("wa-moderator --help", () => {
  it("answers for every command, with exit status 0", async () => {
    const runs = await runAll(
      world,
      COMMANDS.map((command) => [...command, "--help"]),
    );
    runs.forEach((run, index) => {
      const command = COMMANDS[index] ?? [];
      expect(run.status, command.join(" ")).toBe(0);
      expect(run.stdout).toContain(`Usage: wa-moderator ${command.join(" ")}`.trimEnd());
      expect(run.stderr).toBe("");
    });
    expect(runs[0]?.stdout).toContain(
      "Exit status: 0 when everything succeeded, 1 when something failed, 2 for bad usage",
    );
    expect(runs[8]?.stdout).toContain("line number");
  }, 120_000);
});

describe("wa-moderator --version", () => {
  it("prints the version of package.json, with exit status 0", async () => {
    const [run] = await runAll(world, [["--version"]]);
    expect(run?.status).toBe(0);
    expect(run?.stdout.trim()).toBe(APP_VERSION);
  });
});

describe("bad usage", () => {
  it("exits 2 for an unknown command, an unknown option, a missing argument or a bad option value", async () => {
    const runs = await runAll(world, [
      ["ban", "+16315551001"],
      ["block", "+16315551001", "--force"],
      ["block"],
      ["blocklist", "export", "--format", "xml"],
      ["audit", "export", "--since", "last tuesday"],
      ["blocklist"],
    ]);
    for (const run of runs) expect(run.status).toBe(2);
    expect(runs[0]?.stderr).toContain("unknown command 'ban'");
    expect(runs[1]?.stderr).toContain("unknown option '--force'");
    expect(runs[3]?.stderr).toContain("Allowed choices are csv, json");
    expect(runs[4]?.stderr).toContain("give a date");
  }, 120_000);

  it("exits 2 for an import file that is missing or has no number column, before anything is opened", async () => {
    const headerless = world.file("no-header.csv", "+16315551001,spam\n");
    const unknown = world.file("unknown-column.csv", "number,reasn\n+16315551001,spam\n");
    const empty = world.file("empty.csv", "");
    const runs = await runAll(world, [
      ["blocklist", "import", "does-not-exist.csv"],
      ["blocklist", "import", headerless],
      ["blocklist", "import", unknown, "--json"],
      ["blocklist", "import", empty],
    ]);
    for (const run of runs) expect(run.status).toBe(2);
    expect(runs[0]?.stderr).toContain("cannot read does-not-exist.csv: there is no such file");
    expect(runs[1]?.stderr).toContain('line 1: unknown column(s) "+16315551001", "spam"');
    expect(JSON.parse(runs[2]?.stdout ?? "")).toMatchObject({ ok: false, error: { code: "cli_usage" } });
    expect(runs[2]?.stderr).toContain('unknown column(s) "reasn"');
    expect(runs[3]?.stderr).toContain("line 1 is empty");
  }, 120_000);
});

describe("configuration", () => {
  it("needs no Slack settings, names what WhatsApp needs, exits 1 and quotes no secret", async () => {
    const run = await world.run(["history", "+16315551001"], {
      WA_BACKEND: "onprem",
      WA_PASSWORD: "hunter2-very-secret",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("WA_API_URL");
    expect(run.stderr).not.toContain("SLACK_");
    expect(run.stderr + run.stdout).not.toContain("hunter2-very-secret");
  }, 60_000);
});
