import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDIT_CHANNEL, type E2EApp, startE2EApp } from "../e2e/harness.js";
import { ACTOR, type CliWorld, cliWorld } from "./cli-harness.js";

/**
 * The CLI and the bot on WA_BACKEND=sandbox with one data folder (docs/CONTRACT.md §9, §10): each starts its own
 * in-process sandbox, and both see one sandbox, whichever acts first, before or while the other runs. The bot is
 * the whole app on a fake Slack; with the bot token set, the CLI posts its audit lines to the same fake Slack.
 */

let world: CliWorld;
let app: E2EApp | undefined;

beforeAll(() => {
  world = cliWorld({ WA_BACKEND: "sandbox" });
});

afterAll(async () => {
  await app?.close();
  world?.dispose();
});

/** The bot's own `/wa-check <text>` answer, as the moderator reads it. */
async function botAnswer(bot: E2EApp, text: string): Promise<string> {
  const { status, path } = await bot.command(text);
  expect(status).toBe(200);
  return bot.finalAnswer(path, 10_000);
}

const blockedWaIds = (stdout: string) =>
  (JSON.parse(stdout) as Array<{ wa_id: string }>).map((row) => row.wa_id);

describe("one sandbox for the CLI and the bot", () => {
  it("a bot started after the CLI blocked a number lists it; the CLI sees the bot's unblock while it runs", async () => {
    const block = await world.run(["block", "+16315551001", "--reason", "spam"]);
    expect(block.status).toBe(0);

    const bot = await startE2EApp({ STORE_URL: world.env.STORE_URL ?? "" });
    app = bot;
    // The default seed's 35 blocked numbers fill pages 1 and 2 and five rows of page 3; the CLI's block follows.
    expect(await botAnswer(bot, "blocklist 3")).toContain("`16315551001`");

    expect(await botAnswer(bot, "unblock +16315551001")).toContain("Unblocked");
    const exported = await world.run(["blocklist", "export", "--json"]);
    expect(exported.status).toBe(0);
    const blocked = blockedWaIds(exported.stdout);
    expect(blocked).toHaveLength(35);
    expect(blocked).not.toContain("16315551001");
  }, 60_000);

  it("a number that wrote to the running bot's sandbox can be blocked from the CLI, and the bot lists it", async () => {
    const bot = app;
    if (!bot) throw new Error("the bot of the test before is not running");
    // +1 631-555-1005 never wrote: WhatsApp refuses to block it, until it writes.
    const refused = await world.run(["block", "+16315551005", "--json"]);
    expect(refused.status).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ ok: false, error: { code: "not_engaged" } });

    await bot.sandbox.simulateInbound({ from: "+16315551005", text: "cheap followers" });
    expect((await world.run(["block", "+16315551005", "--reason", "spam"])).status).toBe(0);
    expect(await botAnswer(bot, "blocklist 3")).toContain("`16315551005`");

    await bot.restart();
    expect(await botAnswer(bot, "blocklist 3")).toContain("`16315551005`");
  }, 60_000);

  it("posts each CLI action and refusal to AUDIT_CHANNEL when a bot token is set, as cli:<os user>", async () => {
    const bot = app;
    if (!bot) throw new Error("the bot of the test before is not running");
    const slackEnv = {
      SLACK_BOT_TOKEN: "xoxb-e2e-token",
      SLACK_API_URL: bot.slack.url,
      AUDIT_CHANNEL,
    };
    bot.slack.clear();
    expect((await world.run(["unblock", "+16315551005"], slackEnv)).status).toBe(0);
    expect((await world.run(["block", "+16315551004", "--reason", "scam"], slackEnv)).status).toBe(1);

    const lines = bot.slack
      .callsTo("chat.postMessage")
      .filter((call) => call.body.channel === AUDIT_CHANNEL)
      .map((call) => String(call.body.text));
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^✅ ${ACTOR} unblocked \\+1 631-555-1005`)),
      expect.stringMatching(
        new RegExp(`^⛔ ${ACTOR} tried to block \\+1 631-555-1004 · refused \\(not_engaged`),
      ),
    ]);
    expect(lines[1]).toContain('reason: "scam"');
  }, 60_000);
});

describe("the CLI on the Cloud-shaped sandbox", () => {
  it("keeps a block across runs: the next run's export lists it", async () => {
    const cloud = cliWorld({ WA_BACKEND: "sandbox-cloud" });
    try {
      expect((await cloud.run(["block", "+16315551002"])).status).toBe(0);
      const exported = await cloud.run(["blocklist", "export", "--json"]);
      expect(exported.status).toBe(0);
      expect(blockedWaIds(exported.stdout)).toContain("16315551002");
    } finally {
      cloud.dispose();
    }
  }, 60_000);
});
