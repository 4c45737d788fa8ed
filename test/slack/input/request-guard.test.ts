import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { BoltApp } from "../../../src/slack/bolt-app.js";
import { MAX_UNSETTLED_CLAIMS } from "../../../src/slack/input/request-guard.js";
import { startCommandApp } from "../../support/command-app.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../support/fake-slack-api.js";
import { postSigned, slashCommand } from "../../support/slack-requests.js";

const SECRET = "request-guard-signing-secret";

describe("a store that falls behind on replay claims", () => {
  let slack: FakeSlackApi;
  let app: BoltApp;
  let events: string;
  const acted: string[] = [];
  /** Every claim waits here until the test lets the store answer. */
  let answerClaims: () => void = () => undefined;
  const claimsAnswered = new Promise<boolean>((resolve) => {
    answerClaims = () => resolve(true);
  });

  beforeAll(async () => {
    slack = await startFakeSlackApi();
    ({ app, events } = await startCommandApp({
      signingSecret: SECRET,
      slackApiUrl: slack.url,
      replayGuard: () => claimsAnswered,
      // Commands wait for their claims here: the bound on commands under way is not what this tests.
      maxCommandsInFlight: 1000,
      listener: async ({ ack, command }) => {
        await ack();
        acted.push(command.text);
      },
    }));
  });

  afterAll(async () => {
    answerClaims();
    await app.stop();
    await slack.close();
  });

  const command = (text: string) =>
    postSigned(events, slashCommand(text, { userId: "U0MOD", responseUrl: slack.responseUrl() }), {
      secret: SECRET,
    });

  it(`acknowledges ${MAX_UNSETTLED_CLAIMS} requests without waiting for it, then makes the next one wait until it answers`, async () => {
    const first = await Promise.all(
      Array.from({ length: MAX_UNSETTLED_CLAIMS }, (_, index) => command(`first ${index}`)),
    );
    expect(first.map((response) => response.status)).toEqual(first.map(() => 200));
    // Acknowledged, but none acted on: each waits for its claim's verdict.
    expect(acted).toEqual([]);

    let acknowledged = false;
    const next = command("next").then((response) => {
      acknowledged = true;
      return response;
    });
    await sleep(300);
    expect(acknowledged).toBe(false);

    answerClaims();
    expect((await next).status).toBe(200);
    await vi.waitFor(() => expect(acted).toHaveLength(MAX_UNSETTLED_CLAIMS + 1));
    expect(acted).toContain("next");
  });
});
