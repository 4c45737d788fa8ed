import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CallbackId, WA_CHECK_COMMAND } from "../../src/slack/ids.js";

const manifest = readFileSync(new URL("../../manifest.yml", import.meta.url), "utf8");

/** The items of the YAML list under `key:` (one "- item" per line). */
function listUnder(key: string): string[] {
  const start = manifest.indexOf(`${key}:\n`);
  const lines = manifest.slice(start).split("\n").slice(1);
  const items: string[] = [];
  for (const line of lines) {
    if (/^\s*#/.test(line)) continue;
    const item = /^\s*- (\S+)\s*$/.exec(line);
    if (!item?.[1]) break;
    items.push(item[1]);
  }
  return items;
}

describe("manifest.yml", () => {
  it("declares the slash command the app listens to", () => {
    expect(manifest).toContain(`- command: ${WA_CHECK_COMMAND}\n`);
  });

  it("declares the Report sender message shortcut with the callback id the app listens to", () => {
    expect(manifest).toMatch(
      new RegExp(`name: Report sender\\n\\s+type: message\\n\\s+callback_id: ${CallbackId.ReportSender}\\n`),
    );
  });

  it("sends commands and interactions to /slack/events, with interactivity on", () => {
    expect(manifest).toMatch(/url: https:\/\/example\.com\/slack\/events\n/);
    expect(manifest).toMatch(
      /interactivity:\n\s+is_enabled: true\n\s+request_url: https:\/\/example\.com\/slack\/events\n/,
    );
  });

  it("asks for the smallest set of bot scopes", () => {
    expect(listUnder("    bot")).toEqual(["commands", "chat:write", "usergroups:read"]);
  });
});
