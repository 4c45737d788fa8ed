import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SandboxHandle, startSandbox } from "../../src/sandbox/index.js";
import { BIN, type CliWorld, cliWorld, onPremEnv } from "./cli-harness.js";

/**
 * The CLI where there is no source, as in the production image (package.json, dist/ and node_modules only): the
 * entry runs the compiled dist/cli/main.js. The build goes to a folder of its own, so it never races another
 * test's build of dist/.
 */

const ROOT = join(import.meta.dirname, "../..");

let image: string;
let sandbox: SandboxHandle;
let world: CliWorld;

beforeAll(async () => {
  image = mkdtempSync(join(tmpdir(), "wa-cli-image-"));
  const build = spawnSync(
    process.execPath,
    [
      join(ROOT, "node_modules/typescript/bin/tsc"),
      "-p",
      join(ROOT, "tsconfig.build.json"),
      "--outDir",
      join(image, "dist"),
      "--tsBuildInfoFile",
      join(image, "dist/.tsbuildinfo"),
    ],
    { cwd: ROOT, encoding: "utf8" },
  );
  // A type error elsewhere in src still emits JavaScript; reporting it is the type check's job.
  if (build.error) throw build.error;
  mkdirSync(join(image, "bin"));
  copyFileSync(BIN, join(image, "bin/wa-moderator.js"));
  copyFileSync(join(ROOT, "package.json"), join(image, "package.json"));
  symlinkSync(join(ROOT, "node_modules"), join(image, "node_modules"), "dir");
  sandbox = await startSandbox();
  world = cliWorld(onPremEnv(sandbox), join(image, "bin/wa-moderator.js"));
}, 120_000);

afterAll(async () => {
  await sandbox?.close();
  world?.dispose();
  rmSync(image, { recursive: true, force: true });
});

describe("the compiled CLI", () => {
  it("answers --help and blocks a number, with no TypeScript source beside it", async () => {
    const help = await world.run(["blocklist", "import", "--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Usage: wa-moderator blocklist import");

    const block = await world.run(["block", "+16315551002", "--json"]);
    expect(block.status).toBe(0);
    expect(JSON.parse(block.stdout)).toMatchObject({ ok: true, action: "block" });
    expect(sandbox.state.blocklist).toContain("16315551002");
  }, 60_000);
});
