import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const FIXTURE = fileURLToPath(new URL("./fixtures/load-config-or-exit.ts", import.meta.url));

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the fixture in a fresh folder (holding `dotEnv` as .env when given) with only `env` and PATH set. */
function start(env: Record<string, string>, dotEnv?: string): Promise<Run> {
  const cwd = mkdtempSync(join(tmpdir(), "wa-config-start-"));
  folders.push(cwd);
  if (dotEnv !== undefined) writeFileSync(join(cwd, ".env"), dotEnv);
  const child = spawn(process.execPath, ["--import", TSX, FIXTURE], {
    cwd,
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

describe("loadConfigOrExit", () => {
  describe("when the environment has problems", () => {
    it("prints every problem to stderr, without a stack trace, and exits 1", async () => {
      const run = await start({ SLACK_BOT_TOKEN: "xoxp-hunter2", PORT: "eighty", WA_BACKEND: "onprom" });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr).toContain("wa-moderator cannot start: 4 problems");
      expect(run.stderr).toContain('  SLACK_BOT_TOKEN: the value must start with "xoxb-"');
      expect(run.stderr).toContain("  SLACK_SIGNING_SECRET: missing — ");
      expect(run.stderr).toContain('  PORT: "eighty" is not a whole number from 0 to 65535');
      expect(run.stderr).toContain('  WA_BACKEND: "onprom" is not one of: onprem, cloud, sandbox');
      expect(run.stderr).toContain(".env.example");
      expect(run.stderr).not.toMatch(/^\s+at /m);
      expect(run.stderr).not.toContain("ConfigError");
      expect(run.stderr).not.toContain("hunter2");
    });
  });

  describe("when the working directory has a .env file", () => {
    it("reads it, and a variable set in the environment wins", async () => {
      const dotEnv =
        "SLACK_BOT_TOKEN=xoxb-from-file\nSLACK_SIGNING_SECRET=from-file\nPORT=4321\nLOG_LEVEL=debug\n";
      const run = await start({ LOG_LEVEL: "warn" }, dotEnv);
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({ port: 4321, logLevel: "warn", backend: "sandbox" });
    });
  });
});
