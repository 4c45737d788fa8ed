import { readFileSync } from "node:fs";
import dotenv from "dotenv";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { ENV_VARIABLES } from "../../src/config/variables.js";
import { MINIMAL_ENV, problemWith } from "./helpers.js";

const lines = readFileSync(new URL("../../.env.example", import.meta.url), "utf8").split("\n");

/** `# NAME=value` lines: a default or an example, left commented so it does not take effect. */
const commented = lines.flatMap((line) => {
  const match = /^# ([A-Z_]+)=(.*)$/.exec(line);
  return match?.[1] === undefined || match[2] === undefined ? [] : [[match[1], match[2]] as const];
});

describe(".env.example", () => {
  it.each(ENV_VARIABLES)("documents %s with a comment line above it", (variable) => {
    const index = lines.findIndex(
      (line) => line.startsWith(`${variable}=`) || line.startsWith(`# ${variable}=`),
    );
    expect(index).toBeGreaterThan(0);
    expect(lines[index - 1]).toMatch(/^# (?![A-Z_]+=)/);
  });

  it("starts local mode (the playground) against the sandbox once copied, with nothing filled in", () => {
    const config = loadConfig(dotenv.parse(lines.join("\n")));
    expect(config.whatsapp.backend).toBe("sandbox");
    expect(config.slack.local).toBe(true);
    expect(config.slack.socketMode).toBe(false);
  });

  // WA_CA_FILE is left out: its example path is only valid where that file exists.
  const checkable = commented.filter(([variable]) => variable !== "WA_CA_FILE");
  it.each(checkable)("shows a value the app accepts for %s (%s)", (variable, value) => {
    expect(ENV_VARIABLES).toContain(variable);
    expect(problemWith({ ...MINIMAL_ENV, [variable]: value }, variable)).toBeUndefined();
  });
});
