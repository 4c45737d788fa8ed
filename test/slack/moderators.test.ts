import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createMemoryLogger } from "../../src/logger.js";
import { createModeratorCheck } from "../../src/slack/moderators.js";
import { type FakeSlackApi, startFakeSlackApi } from "../support/fake-slack-api.js";

let slack: FakeSlackApi;
let client: webApi.WebClient;

beforeAll(async () => {
  slack = await startFakeSlackApi();
  client = new webApi.WebClient("xoxb-test", { slackApiUrl: slack.url, retryConfig: { retries: 0 } });
});
afterAll(() => slack.close());
beforeEach(() => slack.clear());

describe("createModeratorCheck", () => {
  it("lets a listed user in without asking Slack", async () => {
    const isModerator = createModeratorCheck({
      client,
      moderators: { users: ["U0MOD"], groups: ["S0MODS"] },
      logger: createMemoryLogger(),
    });
    expect(await isModerator({ userId: "U0MOD" })).toBe(true);
    expect(slack.calls).toHaveLength(0);
  });

  it("lets in a member of a listed user group, and nobody else", async () => {
    slack.setUserGroups("S0MODS", ["U0ANA", "U0BEN"]);
    const isModerator = createModeratorCheck({
      client,
      moderators: { users: [], groups: ["S0MODS"] },
      logger: createMemoryLogger(),
    });
    expect(await isModerator({ userId: "U0BEN" })).toBe(true);
    expect(await isModerator({ userId: "U0EVE" })).toBe(false);
    expect(slack.callsTo("usergroups.users.list")[0]?.body).toMatchObject({ usergroup: "S0MODS" });
  });

  it("asks Slack once per group while the member list is fresh, and again after it expires", async () => {
    slack.setUserGroups("S0MODS", ["U0ANA"]);
    let now = 0;
    const isModerator = createModeratorCheck({
      client,
      moderators: { users: [], groups: ["S0MODS"] },
      logger: createMemoryLogger(),
      ttlMs: 1000,
      now: () => now,
    });
    await Promise.all([isModerator({ userId: "U0ANA" }), isModerator({ userId: "U0ANA" })]);
    await isModerator({ userId: "U0ANA" });
    expect(slack.callsTo("usergroups.users.list")).toHaveLength(1);

    slack.setUserGroups("S0MODS", []);
    now = 1001;
    expect(await isModerator({ userId: "U0ANA" })).toBe(false);
    expect(slack.callsTo("usergroups.users.list")).toHaveLength(2);
  });

  it("treats a group Slack cannot list as no members, and logs why", async () => {
    slack.failMethod("usergroups.users.list", "missing_scope");
    const logger = createMemoryLogger();
    const isModerator = createModeratorCheck({
      client,
      moderators: { users: [], groups: ["S0MODS"] },
      logger,
    });
    expect(await isModerator({ userId: "U0ANA" })).toBe(false);
    expect(logger.lines.join("\n")).toContain("could not list the members of a moderator user group");
    expect(logger.lines.join("\n")).toContain("missing_scope");
    slack.restore("usergroups.users.list");
  });

  it("refuses everyone when MODERATORS is empty", async () => {
    const isModerator = createModeratorCheck({
      client,
      moderators: { users: [], groups: [] },
      logger: createMemoryLogger(),
    });
    expect(await isModerator({ userId: "U0ANA" })).toBe(false);
  });
});
