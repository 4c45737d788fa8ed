import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allText } from "../slack/views/block-helpers.js";
import { type FakeSocketMode, startFakeSocketMode } from "../support/fake-socket-mode.js";
import { slashCommand } from "../support/slack-requests.js";
import { contactLookups, type E2EApp, MODERATOR_ID, startE2EApp } from "./harness.js";

const APP_TOKEN = "xapp-1-A0APP-1-e2e";

/** Socket Mode needs no signing secret: Slack's requests come over the socket the app opened itself. */
async function startSocketModeApp(socket: FakeSocketMode): Promise<E2EApp> {
  return startE2EApp(
    { SLACK_APP_TOKEN: APP_TOKEN, SLACK_SIGNING_SECRET: "" },
    { beforeStart: (slack) => socket.attachTo(slack) },
  );
}

function ackText(payload: Record<string, unknown> | undefined): string {
  const blocks = payload?.blocks;
  return Array.isArray(blocks) ? allText(blocks) : String(payload?.text ?? "");
}

describe("the app in Socket Mode", () => {
  let socket: FakeSocketMode;
  let app: E2EApp;
  beforeAll(async () => {
    socket = await startFakeSocketMode();
    app = await startSocketModeApp(socket);
  });
  afterAll(async () => {
    await app.close();
    await socket.close();
  });

  it("opens its connection with the app token, not the bot token", () => {
    const opens = app.slack.callsTo("apps.connections.open");
    expect(opens.map((call) => call.token)).toEqual([APP_TOKEN]);
    expect(socket.openConnections).toBe(1);
  });

  it("answers /wa-check help in the ack of the envelope", async () => {
    const ack = await socket.slashCommand("help", {
      userId: MODERATOR_ID,
      responseUrl: app.slack.responseUrl(),
    });
    expect(ack.payload?.response_type).toBe("ephemeral");
    expect(ackText(ack.payload)).toContain("/wa-check block");
  });

  it("acks a check at once and answers it through response_url from the sandbox", async () => {
    const lookupsBefore = contactLookups(app.sandbox);
    const responseUrl = app.slack.responseUrl();
    const ack = await socket.slashCommand("+16315551001", { userId: MODERATOR_ID, responseUrl });
    expect(ackText(ack.payload)).toContain(":hourglass");
    const answer = await app.finalAnswer(new URL(responseUrl).pathname, 5000);
    expect(answer).toContain("+1 631-555-1001");
    expect(contactLookups(app.sandbox)).toBeGreaterThan(lookupsBefore);
  });

  it("keeps answering /healthz over HTTP on PORT", async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
  });

  it("takes no slash command over HTTP, where nothing would prove it came from Slack", async () => {
    const responseUrl = app.slack.responseUrl();
    const response = await fetch(`${app.url}/slack/events`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: slashCommand("+16315551001", { userId: MODERATOR_ID, responseUrl }),
    });
    expect(response.status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(app.answers(new URL(responseUrl).pathname)).toEqual([]);
  });
});

describe("the app in Socket Mode, when it stops", () => {
  it("closes its connection to Slack normally", async () => {
    const socket = await startFakeSocketMode();
    const app = await startSocketModeApp(socket);
    try {
      expect(socket.openConnections).toBe(1);
      await app.close();
      expect(await socket.closed()).toBe(1000);
      expect(socket.openConnections).toBe(0);
    } finally {
      await socket.close();
    }
  });
});
