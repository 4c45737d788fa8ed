import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { BoltApp } from "../../../src/slack/bolt-app.js";
import { startCommandApp } from "../../support/command-app.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../support/fake-slack-api.js";
import { postSigned, slashCommand } from "../../support/slack-requests.js";

const SECRET = "replay-verdict-signing-secret";

describe("the replay claim of a Slack request", () => {
  let slack: FakeSlackApi;
  let app: BoltApp;
  let events: string;
  const claims: string[] = [];
  const acted: string[] = [];
  let listenerEntered: () => void = () => undefined;
  let letListenerAck: () => void = () => undefined;

  beforeAll(async () => {
    slack = await startFakeSlackApi();
    ({ app, events } = await startCommandApp({
      signingSecret: SECRET,
      slackApiUrl: slack.url,
      replayGuard: async (signature) => {
        claims.push(signature);
        return true;
      },
      listener: async ({ ack, command }) => {
        listenerEntered();
        await new Promise<void>((resolve) => {
          letListenerAck = resolve;
        });
        await ack("acknowledged");
        acted.push(command.text);
      },
    }));
  });

  afterAll(async () => {
    await app.stop();
    await slack.close();
  });

  it("is made only once the listener has acknowledged the request, and its verdict lets the listener act", async () => {
    const entered = new Promise<void>((resolve) => {
      listenerEntered = resolve;
    });
    const response = postSigned(
      events,
      slashCommand("+16315551001", { userId: "U0MOD", responseUrl: slack.responseUrl() }),
      {
        secret: SECRET,
      },
    );
    await entered;
    expect(claims).toEqual([]);

    letListenerAck();
    expect(await response).toMatchObject({ status: 200, body: "acknowledged" });
    await vi.waitFor(() => expect(claims).toHaveLength(1));
    await vi.waitFor(() => expect(acted).toEqual(["+16315551001"]));
  });
});
