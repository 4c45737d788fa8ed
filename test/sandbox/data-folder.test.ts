import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { SandboxOptions } from "../../src/sandbox/index.js";
import { captureLogger } from "../support/capture-logger.js";
import { blockBody, startCloudSandbox } from "./cloud-harness.js";
import { login, request, startTestSandbox } from "./sandbox-harness.js";

/**
 * The sandbox's state in the data folder (docs/CONTRACT.md §9): sandboxes started on one folder (the bot's, the
 * CLI's, one after a restart) are one sandbox, over their real HTTP APIs.
 */

let folder: string;
afterEach(() => rmSync(folder, { recursive: true, force: true }));
const newFolder = () => {
  folder = mkdtempSync(join(tmpdir(), "wa-sandbox-data-"));
  return folder;
};

/** A sandbox on `dataFolder` and a logged-in caller of its API. */
async function onFolder(dataFolder: string, options: SandboxOptions = {}) {
  const sandbox = await startTestSandbox({ dataFolder, ...options });
  const token = await login(sandbox);
  const call = (method: string, path: string, body: unknown = {}) =>
    request(sandbox, method, path, method === "GET" ? { token } : { token, body });
  const blocklist = async () => {
    const page = (await call("GET", "/v1/contacts/blocklist?limit=100")).body as {
      contacts: Array<{ wa_id: string }>;
    };
    return page.contacts.map((contact) => contact.wa_id.replace("@s.whatsapp.net", ""));
  };
  return { sandbox, call, blocklist };
}

describe("sandboxes on one data folder (On-Premises shape)", () => {
  it("see each other's blocks and unblocks at once, through the API and through the handle's state", async () => {
    const dataFolder = newFolder();
    const bot = await onFolder(dataFolder);
    const cli = await onFolder(dataFolder);

    expect((await cli.call("POST", "/v1/contacts/%2B16315551001/block", { reason: "spam" })).status).toBe(
      200,
    );
    expect(await bot.blocklist()).toContain("16315551001");
    expect(bot.sandbox.state.blocklist).toContain("16315551001");

    expect((await bot.call("POST", "/v1/contacts/%2B16315551010/unblock")).status).toBe(200);
    expect(await cli.blocklist()).not.toContain("16315551010");
    expect(cli.sandbox.state.blocklist).not.toContain("16315551010");
  });

  it("share engagement: a message sent to one lets the other block its sender", async () => {
    const dataFolder = newFolder();
    const bot = await onFolder(dataFolder);
    const cli = await onFolder(dataFolder);
    // +1 631-555-1005 never wrote: blocking it is refused until it does.
    expect((await cli.call("POST", "/v1/contacts/%2B16315551005/block")).status).toBe(400);
    await bot.sandbox.simulateInbound({ from: "+16315551005", text: "buy now" });
    expect((await cli.call("POST", "/v1/contacts/%2B16315551005/block")).status).toBe(200);
  });

  it("keep the state across a restart, and a folder without a state starts from the seed", async () => {
    const dataFolder = newFolder();
    const first = await onFolder(dataFolder);
    await first.call("POST", "/v1/contacts/%2B16315551002/block");
    await first.call("POST", "/v1/contacts/%2B16315551011/unblock");
    const seeded = await first.blocklist();
    await first.sandbox.close();

    const restarted = await onFolder(dataFolder);
    expect(await restarted.blocklist()).toEqual(seeded);

    const elsewhere = await onFolder(mkdtempSync(join(dataFolder, "other-")));
    expect(await elsewhere.blocklist()).not.toContain("16315551002");
    expect(await elsewhere.blocklist()).toContain("16315551011");
  });

  it("start from the seed, with a warning, when the folder holds another sandbox's state or a broken file", async () => {
    const dataFolder = newFolder();
    const other = await onFolder(dataFolder, {
      seed: { businessNumber: "+16315550199", users: [{ wa_id: "16315552001" }], blocklist: ["16315552001"] },
    });
    expect(await other.blocklist()).toEqual(["16315552001"]);
    await other.sandbox.close();

    const logger = captureLogger();
    const seeded = await onFolder(dataFolder, { logger });
    expect(await seeded.blocklist()).toHaveLength(35);
    expect(logger.lines.join("\n")).toContain("holds no state of this sandbox");
    await seeded.sandbox.close();

    writeFileSync(join(dataFolder, "sandbox-onprem.json"), "{ half a fi");
    expect(await (await onFolder(dataFolder)).blocklist()).toHaveLength(35);
  });
});

describe("sandboxes on one data folder (Cloud shape)", () => {
  it("see each other's blocks, kept apart from the On-Premises shape's state", async () => {
    const dataFolder = newFolder();
    const bot = await startCloudSandbox({ dataFolder });
    const cli = await startCloudSandbox({ dataFolder });
    const path = `/v25.0/${cli.phoneNumberId}/block_users`;
    const blocked = await request(cli, "POST", path, {
      token: cli.token,
      body: blockBody({ user: "+16315551001" }),
    });
    expect(blocked.status).toBe(200);
    const page = await request(bot, "GET", `${path}?limit=100`, { token: bot.token });
    const ids = (page.body as { data: Array<{ wa_id?: string }> }).data.map((user) => user.wa_id);
    expect(ids).toContain("16315551001");
    expect(readdirSync(dataFolder).sort()).toEqual(["sandbox-cloud.json"]);

    const onPrem = await onFolder(dataFolder);
    expect(await onPrem.blocklist()).not.toContain("16315551001");
  });
});
