import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BoltApp } from "../../src/slack/bolt-app.js";
import { captureLogger } from "../support/capture-logger.js";
import { type CoreHarness, MODERATOR, startCoreHarness } from "../support/core-harness.js";
import { type FakeSlackApi, startFakeSlackApi } from "../support/fake-slack-api.js";
import { postSigned, slashCommand } from "../support/slack-requests.js";
import { createTestSlackSurface } from "../support/slack-surface.js";
import { allText, isProgressNote } from "./views/block-helpers.js";

/** The Slack surface on the real moderation core and the sandbox: the answers a moderator reads. */

const SECRET = "core-signing-secret";
let dir: string;
let core: CoreHarness;
let slack: FakeSlackApi;
let app: BoltApp;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "wa-slack-core-"));
  core = await startCoreHarness({ storeUrl: `sqlite://${join(dir, "store.sqlite")}`, prefix: "slack" });
  slack = await startFakeSlackApi();
  app = createTestSlackSurface({
    slack: { botToken: "xoxb-core", signingSecret: SECRET, apiUrl: slack.url },
    port: 0,
    moderation: core.service,
    blocklistPageSize: 10,
    logger: captureLogger(),
  });
  await app.start();
});

afterAll(async () => {
  await app.stop();
  await slack.close();
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

async function command(text: string): Promise<string> {
  const responseUrl = slack.responseUrl();
  const path = new URL(responseUrl).pathname;
  const ack = await postSigned(
    `http://127.0.0.1:${app.port}/slack/events`,
    slashCommand(text, { userId: MODERATOR.userId, responseUrl }),
    { secret: SECRET },
  );
  expect(ack.status).toBe(200);
  const hit = await slack.waitFor(() => {
    const hits = slack.responseUrlHits.filter((h) => h.path === path);
    const last = hits.at(-1);
    const words = last ? allText((last.body as { blocks: unknown[] }).blocks) : "";
    return last && !isProgressNote(words) ? words : undefined;
  }, 10_000);
  return hit;
}

describe("the Slack surface on the real core", () => {
  it("checks a number", async () => {
    const words = await command("+1 631 555 1001");
    expect(words).toContain("*Checked 1 number*");
    expect(words).toContain("+1 631-555-1001");
  });

  it("blocks an engaged contact", async () => {
    expect(await command("block +16315551001 spam")).toContain("Blocked *+1 631-555-1001*");
  });

  it("explains the 24-hour rule for a contact that has not written", async () => {
    const words = await command("block +16315551003");
    expect(words).toContain("*not engaged*");
    expect(words).toContain("last 24 hours");
  });

  it("pages the blocklist", async () => {
    const words = await command("blocklist");
    expect(words).toContain("16315551090");
    expect(words).toMatch(/page 1 of 1 · \d+ blocked/);
  });

  it("shows the history with the block", async () => {
    const words = await command("history +16315551001");
    expect(words).toContain("*block* by <@");
    expect(words).toContain("why: spam");
  });
});
