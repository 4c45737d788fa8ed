import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createOutput } from "../../src/cli/output.js";
import { startProgress } from "../../src/cli/progress.js";

/**
 * What long work shows while it runs (docs/CONTRACT.md §10): a bar with rows done, rate and time left on a
 * terminal; plain lines elsewhere (a log file, a CI job), never on stdout.
 */

function streams(tty: boolean) {
  const stdout = new PassThrough();
  const stderr = Object.assign(new PassThrough(), { isTTY: tty, columns: 120 });
  let written = "";
  let printed = "";
  stderr.on("data", (chunk: Buffer) => {
    written += chunk.toString();
  });
  stdout.on("data", (chunk: Buffer) => {
    printed += chunk.toString();
  });
  return {
    out: createOutput(false, { stdout, stderr } as unknown as Parameters<typeof createOutput>[1]),
    stderr: () => written,
    stdout: () => printed,
  };
}

// Escape sequences of the bar (cursor moves, line clears) removed, to read it as a person sees it.
const ESCAPE_SEQUENCE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z]`, "g");
const visible = (text: string) => text.replace(ESCAPE_SEQUENCE, "");

describe("progress of an import", () => {
  it("draws a bar with rows done, rate and time left on a terminal, never hiding the cursor", async () => {
    const { out, stderr, stdout } = streams(true);
    const progress = startProgress(out, "import", 40);
    for (let row = 0; row < 10; row++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      progress.advance();
    }
    progress.note("Warning: a note above the bar");
    progress.stop();
    const shown = visible(stderr());
    expect(shown).toMatch(/import \[[█░]+\] 10\/40 rows \| \d+\.\d rows\/s \| \d+s left/);
    expect(shown).toContain("Warning: a note above the bar");
    // A second Ctrl-C exits at once: a cursor hidden by the bar would stay hidden in the shell.
    expect(stderr()).not.toContain(`${String.fromCharCode(27)}[?25l`);
    expect(stdout()).toBe("");
  });

  it("prints plain lines at each tenth of the work when stderr is not a terminal", () => {
    const { out, stderr, stdout } = streams(false);
    const progress = startProgress(out, "import", 20);
    for (let row = 0; row < 20; row++) progress.advance();
    progress.stop();
    const lines = stderr().trim().split("\n");
    expect(lines).toHaveLength(10);
    expect(lines[0]).toMatch(/^import: 2\/20 rows \(\d+\.\d rows\/s, about \d+ s left\)$/);
    expect(lines.at(-1)).toMatch(/^import: 20\/20 rows /);
    expect(stderr()).not.toMatch(ESCAPE_SEQUENCE);
    expect(stdout()).toBe("");
  });
});
