import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type E2EApp, startE2EApp } from "./harness.js";

/** MODERATORS naming a Slack user group: members act, others are refused, and Slack failing is said as such. */

const GROUP = "S0MODSE2E";
const MEMBER = "UMEMBER001";
const OUTSIDER = "UOUTSIDE01";

describe("moderators from a user group, end to end", () => {
  let app: E2EApp;

  beforeAll(async () => {
    app = await startE2EApp({ MODERATORS: GROUP });
  });
  afterAll(async () => {
    await app.close();
  });
  afterEach(() => {
    app.slack.restore("usergroups.users.list");
    app.slack.delayMethod("usergroups.users.list", 0);
  });

  it("still acknowledges within Slack's 3 seconds when Slack does not answer the group look-up", async () => {
    app.slack.delayMethod("usergroups.users.list", 10_000);
    const started = performance.now();

    const { status, ackText } = await app.command("blocklist", { userId: MEMBER });

    expect(performance.now() - started).toBeLessThan(3000);
    expect(status).toBe(200);
    expect(ackText).toContain("Nothing was done");
    expect(ackText).toContain(GROUP);
  });

  it("says it could not check someone while Slack cannot list the group, and calls nothing", async () => {
    app.slack.failMethod("usergroups.users.list", "missing_scope");
    const calls = app.sandbox.state.calls.length;

    const { status, ackText, path } = await app.command("blocklist", { userId: MEMBER });

    expect(status).toBe(200);
    expect(ackText).toContain("Nothing was done");
    expect(ackText).toContain(GROUP);
    expect(ackText).toContain("usergroups:read");
    expect(app.sandbox.state.calls.length).toBe(calls);
    expect(app.answers(path)).toEqual([]);
  });

  it("lets a member of the group act once Slack lists it, and refuses someone outside it", async () => {
    app.slack.setUserGroups(GROUP, [MEMBER]);

    const member = await app.command("unblock +1 631 555 1010", { userId: MEMBER });
    expect(member.ackText).toContain("Unblocking");
    expect(await app.finalAnswer(member.path)).toContain("+1 631-555-1010");

    const outsider = await app.command("unblock +1 631 555 1010", { userId: OUTSIDER });
    const refusal = await app.finalAnswer(outsider.path);
    expect(refusal).toContain("is not in `MODERATORS`");
    expect(refusal).toContain(OUTSIDER);
  });
});
