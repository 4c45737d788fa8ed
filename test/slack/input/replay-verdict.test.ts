import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type BoltApp, createBoltApp } from "../../../src/slack/bolt-app.js";
import { createSlackClients } from "../../../src/slack/web-client.js";
import { captureLogger } from "../../support/capture-logger.js";
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
    const logger = captureLogger();
    app = createBoltApp({
      slack: { botToken: "xoxb-verdict", signingSecret: SECRET },
      clients: createSlackClients({ botToken: "xoxb-verdict", apiUrl: slack.url }, logger),
      port: 0,
      logger,
      replayGuard: async (signature) => {
        claims.push(signature);
        return true;
      },
    });
    app.app.command("/wa-check", async ({ ack, command }) => {
      listenerEntered();
      await new Promise<void>((resolve) => {
        letListenerAck = resolve;
      });
      await ack("acknowledged");
      acted.push(command.text);
    });
    await app.start();
    events = `http://127.0.0.1:${app.port}/slack/events`;
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
    expect(claims).toHaveLength(1);
    await vi.waitFor(() => expect(acted).toEqual(["+16315551001"]));
  });
});
