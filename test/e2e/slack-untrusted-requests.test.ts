import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postSigned, slashCommand } from "../support/slack-requests.js";
import { type E2EApp, expectServing, MODERATOR_ID, SIGNING_SECRET, startE2EApp } from "./harness.js";

/**
 * What reaches /slack/events without being a well-formed Slack request: unsigned or replayed requests are refused
 * with 401, malformed ones with a 4xx, nothing reaches WhatsApp, and the app keeps serving the next real command.
 */

describe("requests to /slack/events that Slack did not send, or that make no sense", () => {
  let app: E2EApp;
  const events = () => `${app.url}/slack/events`;
  const sandboxCalls = () => app.sandbox.state.calls.length;
  const blockCommand = () =>
    slashCommand("block +1 631 555 1001 spam", {
      userId: MODERATOR_ID,
      responseUrl: app.slack.responseUrl(),
    });

  beforeAll(async () => {
    app = await startE2EApp();
  });
  afterAll(async () => {
    await app.close();
  });

  const expectStillServing = () => expectServing(app);

  describe("signatures", () => {
    it("refuses a bad signature with 401 and calls nothing", async () => {
      const calls = sandboxCalls();
      const response = await postSigned(events(), blockCommand(), {
        secret: SIGNING_SECRET,
        signature: `v0=${"0".repeat(64)}`,
      });
      expect(response.status).toBe(401);
      expect(sandboxCalls()).toBe(calls);
      expect(app.slack.responseUrlHits).toHaveLength(0);
    });

    it("refuses a request signed with another secret with 401", async () => {
      const response = await postSigned(events(), blockCommand(), { secret: "not-the-signing-secret" });
      expect(response.status).toBe(401);
    });

    it("refuses a correctly signed request whose timestamp is more than 5 minutes old (a replay) with 401", async () => {
      const calls = sandboxCalls();
      const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
      const response = await postSigned(events(), blockCommand(), {
        secret: SIGNING_SECRET,
        timestamp: sixMinutesAgo,
      });
      expect(response.status).toBe(401);
      expect(sandboxCalls()).toBe(calls);
    });
  });

  describe("signed garbage", () => {
    it.each([
      ["a body that is not form-encoded", "{{{ not json, not a form", "application/json"],
      ["payload= that is not JSON", "payload=%7Bnot-json", "application/x-www-form-urlencoded"],
      [
        "JSON of a type no listener knows",
        `payload=${encodeURIComponent(JSON.stringify({ type: "mystery_event", user: { id: MODERATOR_ID } }))}`,
        "application/x-www-form-urlencoded",
      ],
    ])("answers %s with a 4xx and keeps serving", async (_what, body, contentType) => {
      const calls = sandboxCalls();
      const response = await postSigned(events(), body, { secret: SIGNING_SECRET, contentType });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(sandboxCalls()).toBe(calls);
      await expectStillServing();
    });
  });
});
