import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { webApi } from "@slack/bolt";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ModeratorGroupsUnavailableError } from "../../src/moderation/errors.js";
import { createModeratorRule } from "../../src/moderation/moderator-rule.js";
import { slackGroupMembers } from "../../src/slack/usergroup-members.js";
import { captureLogger } from "../support/capture-logger.js";
import { type FakeSlackApi, startFakeSlackApi } from "../support/fake-slack-api.js";

let slack: FakeSlackApi;
let client: webApi.WebClient;

beforeAll(async () => {
  slack = await startFakeSlackApi();
  client = new webApi.WebClient("xoxb-test", { slackApiUrl: slack.url, retryConfig: { retries: 0 } });
});
afterAll(() => slack.close());
beforeEach(() => slack.clear());

/** A check of the group S0MODS whose member lists are current for 1 s of a clock the test moves. */
function checkWithClock() {
  const clock = { now: 0 };
  const isModerator = createModeratorRule({
    groupMembers: slackGroupMembers(client),
    moderators: { users: [], groups: ["S0MODS"] },
    logger: captureLogger(),
    ttlMs: 1000,
    now: () => clock.now,
  });
  return { isModerator, clock };
}

describe("createModeratorRule", () => {
  it("lets a listed user in without asking Slack", async () => {
    const isModerator = createModeratorRule({
      groupMembers: slackGroupMembers(client),
      moderators: { users: ["U0MOD"], groups: ["S0MODS"] },
      logger: captureLogger(),
    });
    expect(await isModerator({ userId: "U0MOD" })).toBe(true);
    expect(slack.calls).toHaveLength(0);
  });

  it("lets in a member of a listed user group, and nobody else", async () => {
    slack.setUserGroups("S0MODS", ["U0ANA", "U0BEN"]);
    const isModerator = createModeratorRule({
      groupMembers: slackGroupMembers(client),
      moderators: { users: [], groups: ["S0MODS"] },
      logger: captureLogger(),
    });
    expect(await isModerator({ userId: "U0BEN" })).toBe(true);
    expect(await isModerator({ userId: "U0EVE" })).toBe(false);
    expect(slack.callsTo("usergroups.users.list")[0]?.body).toMatchObject({ usergroup: "S0MODS" });
  });

  it("asks Slack once per group while the member list is current, then answers from the old list while it fetches a new one", async () => {
    slack.setUserGroups("S0MODS", ["U0ANA"]);
    const { isModerator, clock } = checkWithClock();
    await Promise.all([isModerator({ userId: "U0ANA" }), isModerator({ userId: "U0ANA" })]);
    await isModerator({ userId: "U0ANA" });
    expect(slack.callsTo("usergroups.users.list")).toHaveLength(1);

    slack.setUserGroups("S0MODS", []);
    clock.now = 1001;
    expect(await isModerator({ userId: "U0ANA" })).toBe(true);
    await slack.waitFor(() => slack.callsTo("usergroups.users.list").length === 2);
    await expect.poll(() => isModerator({ userId: "U0ANA" })).toBe(false);
    expect(slack.callsTo("usergroups.users.list")).toHaveLength(2);
  });

  describe("when Slack cannot list a group", () => {
    afterEach(() => slack.restore("usergroups.users.list"));

    it("says it cannot tell, naming the group, rather than refusing or letting in, and logs why", async () => {
      slack.failMethod("usergroups.users.list", "missing_scope");
      const logger = captureLogger();
      const isModerator = createModeratorRule({
        groupMembers: slackGroupMembers(client),
        moderators: { users: [], groups: ["S0MODS"] },
        logger,
      });
      const error = await isModerator({ userId: "U0ANA" }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ModeratorGroupsUnavailableError);
      expect(error).toMatchObject({
        code: "moderator_groups_unavailable",
        userId: "U0ANA",
        groupIds: ["S0MODS"],
      });
      expect(logger.lines.join("\n")).toContain("could not list the members of a moderator user group");
      expect(logger.lines.join("\n")).toContain("missing_scope");
    });

    it("still lets in a member of another group it could list", async () => {
      slack.handle("usergroups.users.list", (body) =>
        body.usergroup === "S0MODS" ? { ok: false, error: "missing_scope" } : { users: ["U0ANA"] },
      );
      const isModerator = createModeratorRule({
        groupMembers: slackGroupMembers(client),
        moderators: { users: [], groups: ["S0MODS", "S0LEADS"] },
        logger: captureLogger(),
      });
      expect(await isModerator({ userId: "U0ANA" })).toBe(true);
    });

    it("keeps using the last list it got", async () => {
      slack.setUserGroups("S0MODS", ["U0ANA"]);
      const { isModerator, clock } = checkWithClock();
      expect(await isModerator({ userId: "U0ANA" })).toBe(true);

      slack.failMethod("usergroups.users.list", "ratelimited");
      clock.now = 5000;
      expect(await isModerator({ userId: "U0ANA" })).toBe(true);
      await slack.waitFor(() => slack.callsTo("usergroups.users.list").length === 2);
      expect(await isModerator({ userId: "U0ANA" })).toBe(true);
      expect(await isModerator({ userId: "U0EVE" })).toBe(false);
    });

    it("gives up within the client's timeout when Slack does not answer", async () => {
      const silent = createServer(() => undefined);
      await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
      const { port } = silent.address() as AddressInfo;
      const hurried = new webApi.WebClient("xoxb-test", {
        slackApiUrl: `http://127.0.0.1:${port}/api/`,
        retryConfig: { retries: 0 },
        timeout: 300,
      });
      const isModerator = createModeratorRule({
        groupMembers: slackGroupMembers(hurried),
        moderators: { users: [], groups: ["S0MODS"] },
        logger: captureLogger(),
      });
      try {
        await expect(isModerator({ userId: "U0ANA" })).rejects.toBeInstanceOf(
          ModeratorGroupsUnavailableError,
        );
      } finally {
        silent.closeAllConnections();
        silent.close();
      }
    });
  });

  it("refuses everyone when MODERATORS is empty", async () => {
    const isModerator = createModeratorRule({
      groupMembers: slackGroupMembers(client),
      moderators: { users: [], groups: [] },
      logger: captureLogger(),
    });
    expect(await isModerator({ userId: "U0ANA" })).toBe(false);
  });
});
