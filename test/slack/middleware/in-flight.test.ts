import type { Context } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { BoltApp } from "../../../src/slack/bolt-app.js";
import { ActionId } from "../../../src/slack/ids.js";
import { encodePageValue } from "../../../src/slack/input/button-values.js";
import { afterAckOf } from "../../../src/slack/middleware/after-ack.js";
import { createInFlight } from "../../../src/slack/middleware/in-flight.js";
import { captureLogger } from "../../support/capture-logger.js";
import { createFakeModeration } from "../../support/fake-moderation.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../support/fake-slack-api.js";
import { blockAction, postSigned, slashCommand } from "../../support/slack-requests.js";
import { createTestSlackSurface } from "../../support/slack-surface.js";
import { allText } from "../views/block-helpers.js";

const SECRET = "in-flight-signing-secret";
const MODERATOR = "U0MOD";

let slack: FakeSlackApi;
let app: BoltApp;
let events: string;
const logger = captureLogger();
const moderation = createFakeModeration();
/** Checks wait here until a test lets them go, so that they stay under way. */
let releaseChecks: () => void = () => undefined;
let checksHeld = Promise.resolve();

beforeAll(async () => {
  slack = await startFakeSlackApi();
  const check = moderation.check;
  app = createTestSlackSurface({
    slack: { botToken: "xoxb-test-token", signingSecret: SECRET, apiUrl: slack.url },
    port: 0,
    moderation: {
      ...moderation,
      check: async (...args) => {
        await checksHeld;
        return check(...args);
      },
    },
    moderators: { users: [MODERATOR], groups: [] },
    logger,
    maxCommandsInFlight: 2,
  });
  await app.start();
  events = `http://127.0.0.1:${app.port}/slack/events`;
});

afterAll(async () => {
  releaseChecks();
  await app.stop();
  await slack.close();
});

const command = (text: string, responseUrl = slack.responseUrl()) =>
  postSigned(events, slashCommand(text, { userId: MODERATOR, responseUrl }), { secret: SECRET });

const answerTo = (responseUrl: string) =>
  slack.waitFor(() => slack.responseUrlHits.find((hit) => hit.path === new URL(responseUrl).pathname));

describe("commands under way past the limit", () => {
  it("are answered in their ack that nothing was done, and taken again once one under way finishes", async () => {
    checksHeld = new Promise((resolve) => {
      releaseChecks = resolve;
    });
    const held = [slack.responseUrl(), slack.responseUrl()];
    for (const responseUrl of held) expect((await command("+16315551000", responseUrl)).status).toBe(200);

    const turnedAway = await command("block +16315551001");
    expect(turnedAway.status).toBe(200);
    expect(JSON.parse(turnedAway.body)).toMatchObject({ response_type: "ephemeral" });
    expect(JSON.parse(turnedAway.body).text).toContain("nothing was done. Try again in a minute.");

    // A click finishes what a person started: it is served whatever the count.
    const click = await postSigned(
      events,
      blockAction(
        {
          actionId: ActionId.BlocklistNext,
          value: encodePageValue({ request: { kind: "offset", limit: 15, offset: 0 }, page: 1 }),
        },
        { userId: MODERATOR, responseUrl: slack.responseUrl() },
      ),
      { secret: SECRET },
    );
    expect(click.status).toBe(200);
    // The page is read after the ack: wait for it rather than race it.
    await vi.waitFor(() => expect(moderation.callsTo("blocklist").length).toBeGreaterThan(0));

    releaseChecks();
    for (const responseUrl of held) {
      const hit = await answerTo(responseUrl);
      expect(allText((hit.body as { blocks: unknown[] }).blocks)).toContain("Checked 1 number");
    }
    const blockUrl = slack.responseUrl();
    expect((await command("block +16315551001", blockUrl)).status).toBe(200);
    await answerTo(blockUrl);
    expect(moderation.callsTo("block")).toHaveLength(1);
  });

  it("are logged once per spell, not once per command turned away", () => {
    const lines = logger.lines.map((line) => JSON.parse(line) as { msg: string });
    expect(lines.filter((line) => line.msg.startsWith("too many commands under way"))).toHaveLength(1);
    expect(lines.find((line) => line.msg === "taking commands again")).toMatchObject({
      data: [{ turnedAway: 1 }],
    });
  });
});

/** What the in-flight middleware is called with (Bolt's arguments for any request). */
type MiddlewareArgs = Parameters<ReturnType<typeof createInFlight>["middleware"]>[0];

describe("work a listener hands over after its ack", () => {
  it("keeps its command under way until every piece handed over has settled", async () => {
    const inFlight = createInFlight({ maxCommands: 1, logger: captureLogger() });
    let settleFirst: () => void = () => undefined;
    let settleSecond: () => void = () => undefined;
    const first = new Promise<void>((resolve) => {
      settleFirst = resolve;
    });
    const second = new Promise<void>((resolve) => {
      settleSecond = resolve;
    });
    const handingOverTwo: Context = { isEnterpriseInstall: false };
    await inFlight.middleware({
      body: { command: "/wa-check", text: "+16315551000" },
      context: handingOverTwo,
      next: async () => {
        afterAckOf(handingOverTwo)?.(first);
        afterAckOf(handingOverTwo)?.(second);
      },
    } as unknown as MiddlewareArgs);
    /** Sends one more command; answers whether the middleware took it (else it was turned away in its ack). */
    const taken = async (): Promise<boolean> => {
      let listened = false;
      await inFlight.middleware({
        body: { command: "/wa-check", text: "+16315551001" },
        context: { isEnterpriseInstall: false },
        ack: async () => undefined,
        next: async () => {
          listened = true;
        },
      } as unknown as MiddlewareArgs);
      return listened;
    };

    settleFirst();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    expect(await taken()).toBe(false);
    settleSecond();
    await inFlight.drain(1000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await taken()).toBe(true);
  });

  it("is logged when it fails, as Bolt logs a listener that fails", async () => {
    const log = captureLogger();
    const inFlight = createInFlight({ maxCommands: 10, logger: log });
    const context: Context = { isEnterpriseInstall: false };
    const failing = Promise.reject(new Error("the answer could not be rendered"));
    await inFlight.middleware({
      body: { command: "/wa-check", text: "+16315551000" },
      context,
      next: async () => {
        afterAckOf(context)?.(failing);
      },
    } as unknown as MiddlewareArgs);
    await inFlight.drain(1000);

    const lines = log.lines.map((line) => JSON.parse(line) as { level: string; msg: string });
    expect(lines).toContainEqual(
      expect.objectContaining({ level: "error", msg: "a Slack request failed after its acknowledgement" }),
    );
    expect(log.lines.join("\n")).toContain("the answer could not be rendered");
  });
});
