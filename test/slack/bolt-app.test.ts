import type { ServerResponse } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type BoltApp, SlackTokenError } from "../../src/slack/bolt-app.js";
import {
  encodePageValue,
  encodeRecheckValue,
  encodeRowValue,
  encodeUnblockValue,
} from "../../src/slack/input/button-values.js";
import { renderReportModal } from "../../src/slack/views/report-modal.js";
import { captureLogger } from "../support/capture-logger.js";
import { createFakeModeration, type FakeModeration } from "../support/fake-moderation.js";
import { type FakeSlackApi, startFakeSlackApi } from "../support/fake-slack-api.js";
import { freePort } from "../support/free-port.js";
import {
  blockAction,
  messageShortcut,
  postSigned,
  slashCommand,
  viewSubmission,
} from "../support/slack-requests.js";
import { createTestSlackSurface, type TestSlackSurfaceOptions } from "../support/slack-surface.js";
import { allText, isProgressNote } from "./views/block-helpers.js";

const SECRET = "test-signing-secret";

let slack: FakeSlackApi;
let moderation: FakeModeration;
let app: BoltApp;
let events: string;
const surfaces: string[] = [];
let authTestsAtStart: unknown[] = [];

beforeAll(async () => {
  slack = await startFakeSlackApi();
  slack.setUserGroups("S0MODS", ["U0GROUP"]);
  moderation = createFakeModeration({ blocked: ["16315551000"] });
  app = createTestSlackSurface({
    slack: { botToken: "xoxb-test-token", signingSecret: SECRET, apiUrl: slack.url },
    port: 0,
    moderation,
    moderators: { users: ["U0MOD"], groups: ["S0MODS"] },
    blocklistPageSize: 15,
    logger: captureLogger(),
    customRoutes: [
      {
        path: "/healthz",
        method: "GET",
        handler: (_req, res: ServerResponse) => {
          res.writeHead(200, { "content-type": "application/json" });
          res.end('{"ok":true}');
        },
      },
    ],
    onRequest: (surface) => surfaces.push(surface),
  });
  await app.start();
  authTestsAtStart = slack.callsTo("auth.test");
  events = `http://127.0.0.1:${app.port}/slack/events`;
});

afterAll(async () => {
  await app.stop();
  await slack.close();
});

beforeEach(() => {
  slack.clear();
  moderation.calls.length = 0;
  moderation.delayMs = 0;
});

const post = (body: string) => postSigned(events, body, { secret: SECRET });

describe("the Slack app over HTTP", () => {
  it("checked the bot token with auth.test when it started", () => {
    expect(authTestsAtStart).toEqual([{ method: "auth.test", body: {}, token: "xoxb-test-token" }]);
  });

  it("serves the custom routes on the same port", async () => {
    const response = await fetch(`http://127.0.0.1:${app.port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  describe("/wa-check from a moderator", () => {
    it("acknowledges within 3 seconds even when the core is slow, then answers through response_url", async () => {
      moderation.delayMs = 2500;
      const responseUrl = slack.responseUrl();
      const response = await post(
        slashCommand("+16315551000, +16315551001", { userId: "U0MOD", responseUrl }),
      );
      expect(response.status).toBe(200);
      expect(response.elapsedMs).toBeLessThan(2000);
      expect(JSON.parse(response.body)).toMatchObject({
        response_type: "ephemeral",
        text: "Checking 2 numbers…",
      });
      const hit = await slack.waitFor(
        () => slack.responseUrlHits.find((h) => h.path === new URL(responseUrl).pathname),
        6000,
      );
      expect(hit.body).toMatchObject({ replace_original: true });
      expect(allText((hit.body as { blocks: unknown[] }).blocks)).toContain("*Checked 2 numbers*");
      expect(surfaces).toContain("command");
    });

    it("reads a number typed without + in the business country, so digits after it start the reason", async () => {
      const response = await post(
        slashCommand("block 6315551000 3 times", { userId: "U0MOD", responseUrl: slack.responseUrl() }),
      );
      expect(response.status).toBe(200);
      await slack.waitFor(() => slack.responseUrlHits.length > 0);
      expect(moderation.callsTo("block").map((call) => call.args)).toEqual([["6315551000", "3 times"]]);
    });

    it("lets a member of a moderator user group act", async () => {
      const response = await post(
        slashCommand("unblock +16315551000", { userId: "U0GROUP", responseUrl: slack.responseUrl() }),
      );
      expect(response.status).toBe(200);
      await slack.waitFor(() => slack.responseUrlHits.length > 0);
      expect(moderation.callsTo("unblock")).toHaveLength(1);
    });
  });

  describe("a non-moderator", () => {
    it("is refused in the ack with MODERATORS and their user id, and nothing is called", async () => {
      const response = await post(
        slashCommand("blocklist", { userId: "U0EVE", responseUrl: slack.responseUrl() }),
      );
      expect(response.status).toBe(200);
      const text = allText(JSON.parse(response.body).blocks);
      expect(text).toContain("`MODERATORS`");
      expect(text).toContain("`U0EVE`");
      expect(moderation.calls).toHaveLength(0);
    });

    it.each(["block +16315551000 spam", "unblock +16315551000", "report +16315551000"])(
      "has %j passed on to the core, which refuses it and keeps the refusal in the audit trail",
      async (text) => {
        const response = await post(
          slashCommand(text, { userId: "U0EVE", responseUrl: slack.responseUrl() }),
        );
        expect(response.status).toBe(200);
        const action = text.split(" ")[0] ?? "";
        await slack.waitFor(() => slack.responseUrlHits.length > 0);
        expect(moderation.calls.map((call) => [call.method, call.actor?.userId])).toEqual([
          [action, "U0EVE"],
        ]);
      },
    );

    it("may still read the help", async () => {
      const response = await post(
        slashCommand("help", { userId: "U0EVE", responseUrl: slack.responseUrl() }),
      );
      expect(allText(JSON.parse(response.body).blocks)).toContain("/wa-check blocklist [page]");
    });

    it("is refused on a button click, by a message to them", async () => {
      const responseUrl = slack.responseUrl();
      const body = blockAction(
        { actionId: "check_recheck", value: encodeRecheckValue(["+16315551000"]) },
        { userId: "U0EVE", responseUrl },
      );
      expect((await post(body)).status).toBe(200);
      const hit = await slack.waitFor(() => slack.responseUrlHits[0]);
      expect(allText((hit.body as { blocks: unknown[] }).blocks)).toContain("`U0EVE`");
      expect(moderation.calls).toHaveLength(0);
    });

    it("has a row's Block click passed on to the core, which refuses it and audits the refusal", async () => {
      const body = blockAction(
        { actionId: "check_block", value: encodeRowValue("+16315551000") },
        { userId: "U0EVE", responseUrl: slack.responseUrl() },
      );
      expect((await post(body)).status).toBe(200);
      await slack.waitFor(() => slack.responseUrlHits.length > 0);
      expect(moderation.calls.map((call) => [call.method, call.actor?.userId])).toEqual([["block", "U0EVE"]]);
    });
  });

  describe("a button click", () => {
    it("is acknowledged with an empty 200 and answered in a new message below the check", async () => {
      const body = blockAction(
        { actionId: "check_block", value: encodeRowValue("+16315551002") },
        { userId: "U0MOD", responseUrl: slack.responseUrl() },
      );
      const response = await post(body);
      expect(response.status).toBe(200);
      expect(response.body).toBe("");
      const final = await slack.waitFor(() =>
        slack.responseUrlHits.find((hit) =>
          allText((hit.body as { blocks: unknown[] }).blocks).includes("Blocked"),
        ),
      );
      expect(final.body).toMatchObject({ replace_original: false });
      expect(moderation.callsTo("block")[0]?.args[0]).toBe("+16315551002");
    });

    it("on a button this version does not have is acknowledged at once and answered as outdated, calling nothing", async () => {
      const body = blockAction(
        { actionId: "check_quarantine", value: encodeRowValue("+16315551002") },
        { userId: "U0MOD", responseUrl: slack.responseUrl() },
      );
      const response = await post(body);
      expect(response.status).toBe(200);
      const answer = await slack.waitFor(() => slack.responseUrlHits[0]);
      expect(allText((answer.body as { blocks: unknown[] }).blocks)).toContain("This button no longer works");
      expect(answer.body).toMatchObject({ replace_original: false });
      expect(moderation.calls).toHaveLength(0);
    });
  });

  describe("each button of the app's messages", () => {
    const secondPage = { kind: "offset", limit: 15, offset: 15 } as const;
    const isFinal = (hit: { body: unknown }) =>
      !isProgressNote(allText((hit.body as { blocks: unknown[] }).blocks));

    it.each([
      ["Block", "check_block", "block", encodeRowValue("+16315551004")],
      ["Re-check", "check_recheck", "check", encodeRecheckValue(["+16315551004"])],
      ["Next", "blocklist_next", "blocklist", encodePageValue({ request: secondPage, page: 2 })],
      ["Previous", "blocklist_previous", "blocklist", encodePageValue({ request: secondPage, page: 2 })],
      [
        "Unblock",
        "blocklist_unblock",
        "unblock",
        encodeUnblockValue({ waId: "16315551009", request: secondPage, page: 2 }),
      ],
    ] as const)(
      "%s (%s) reaches its own listener, which asks the core to %s",
      async (_text, actionId, method, value) => {
        const response = await post(
          blockAction({ actionId, value }, { userId: "U0MOD", responseUrl: slack.responseUrl() }),
        );
        expect(response.status).toBe(200);
        await slack.waitFor(() => slack.responseUrlHits.find(isFinal));
        expect(moderation.calls[0]?.method).toBe(method);
      },
    );

    it("Report… (check_report) opens the report modal for its row's number", async () => {
      const body = blockAction(
        { actionId: "check_report", value: encodeRowValue("+16315551004") },
        { userId: "U0MOD", responseUrl: slack.responseUrl() },
      );
      expect((await post(body)).status).toBe(200);
      const opened = await slack.waitFor(() => slack.callsTo("views.open")[0]);
      expect(JSON.stringify(opened.body.view)).toContain("+16315551004");
      expect(moderation.calls).toHaveLength(0);
    });
  });

  describe("the Report sender shortcut", () => {
    it("opens the modal for the relayed message's sender", async () => {
      const message = {
        ts: "1700000000.000300",
        text: "stop writing",
        metadata: {
          event_type: "whatsapp_inbound_message",
          event_payload: { wa_id: "16315551000", message_id: "ABGGFlA5FpafAgo6EhGh1xQ2exhH" },
        },
      };
      const response = await post(
        messageShortcut(message, { userId: "U0MOD", responseUrl: slack.responseUrl() }),
      );
      expect(response.status).toBe(200);
      const open = await slack.waitFor(() => slack.callsTo("views.open")[0]);
      expect(open.token).toBe("xoxb-test-token");
      expect(JSON.stringify(open.body.view)).toContain("ABGGFlA5FpafAgo6EhGh1xQ2exhH");
    });
  });

  describe("the report modal", () => {
    const modal = renderReportModal({
      sender: "+16315551000",
      messageId: "ABGGFlA5Fpa",
      channelId: "C0RELAY",
    });
    const submitted = (reason: string) =>
      viewSubmission(
        {
          callbackId: "report_modal",
          privateMetadata: modal.private_metadata ?? "",
          values: {
            reason: { value: { type: "plain_text_input", value: reason } },
            also_block: { value: { type: "checkboxes", selected_options: [] } },
          },
        },
        { userId: "U0MOD" },
      );

    it("closes on submit and posts the outcome to the moderator in the message's channel", async () => {
      const response = await post(submitted("threats"));
      expect(response.status).toBe(200);
      const posted = await slack.waitFor(() => slack.callsTo("chat.postEphemeral")[0]);
      expect(posted.body).toMatchObject({ channel: "C0RELAY", user: "U0MOD" });
      expect(moderation.callsTo("report")[0]?.args).toEqual([
        "+16315551000",
        { block: false, reason: "threats", messageId: "ABGGFlA5Fpa" },
      ]);
    });

    it("keeps the modal open with the reason's problem when it is too long, and passes it to the core once, for its audited refusal", async () => {
      const response = await post(submitted("q".repeat(70)));
      expect(JSON.parse(response.body)).toEqual({
        response_action: "errors",
        errors: { reason: "reasons must be under 60 characters; this one has 70" },
      });
      await expect.poll(() => moderation.calls.map((call) => call.method)).toEqual(["report"]);
    });
  });

  describe("requests that are not from Slack", () => {
    const body = slashCommand("block +16315551000", {
      userId: "U0MOD",
      responseUrl: "http://127.0.0.1:9/unused",
    });

    it("refuses a bad signature with 401 and calls nothing", async () => {
      const response = await postSigned(events, body, { secret: SECRET, signature: "v0=deadbeef" });
      expect(response.status).toBe(401);
      expect(moderation.calls).toHaveLength(0);
    });

    it("refuses a request signed with another secret with 401", async () => {
      expect((await postSigned(events, body, { secret: "someone-else" })).status).toBe(401);
    });

    it("refuses a stale timestamp (a replay) with 401", async () => {
      const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
      expect((await postSigned(events, body, { secret: SECRET, timestamp: tenMinutesAgo })).status).toBe(401);
      expect(moderation.calls).toHaveLength(0);
    });
  });

  describe("garbage from a signed sender", () => {
    it.each([
      ["a payload that is not JSON", "payload=%7Bnot-json"],
      ["a JSON body that is not JSON", "{oops"],
      [
        "a button click with no user",
        `payload=${encodeURIComponent(JSON.stringify({ type: "block_actions", actions: [] }))}`,
      ],
      [
        "a slash command with no user",
        new URLSearchParams({
          command: "/wa-check",
          text: "block +16315551000",
          response_url: "http://x",
        }).toString(),
      ],
    ])("answers %s with a 4xx, and the app keeps serving", async (_what, garbage) => {
      const contentType = garbage.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded";
      const response = await postSigned(events, garbage, { secret: SECRET, contentType });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      const healthy = await post(slashCommand("help", { userId: "U0MOD", responseUrl: slack.responseUrl() }));
      expect(healthy.status).toBe(200);
      expect(moderation.calls).toHaveLength(0);
    });
  });
});

describe("starting with a token Slack refuses", () => {
  it("fails with SlackTokenError instead of serving requests it cannot answer", async () => {
    const fake = await startFakeSlackApi();
    fake.failMethod("auth.test", "invalid_auth");
    const refused = createTestSlackSurface({
      slack: { botToken: "xoxb-revoked", signingSecret: SECRET, apiUrl: fake.url },
      port: 0,
      moderation: createFakeModeration(),
      moderators: { users: [], groups: [] },
      blocklistPageSize: 15,
      logger: captureLogger(),
    });
    try {
      await expect(refused.start()).rejects.toThrow(SlackTokenError);
      expect(refused.port).toBeUndefined();
    } finally {
      await fake.close();
    }
  });
});

describe("stopping", () => {
  it("lets a request under way send its answer before stop() resolves", async () => {
    const fake = await startFakeSlackApi();
    const slow = createTestSlackSurface({
      slack: { botToken: "xoxb-test-token", signingSecret: SECRET, apiUrl: fake.url },
      port: 0,
      moderation: {
        ...createFakeModeration(),
        block: async (actor, input, reason) => {
          await new Promise((resolve) => setTimeout(resolve, 400));
          return createFakeModeration().block(actor, input, reason);
        },
      },
      moderators: { users: ["U0MOD"], groups: [] },
      blocklistPageSize: 15,
      logger: captureLogger(),
    });
    await slow.start();
    try {
      const response = await postSigned(
        `http://127.0.0.1:${slow.port}/slack/events`,
        slashCommand("block +16315551000", { userId: "U0MOD", responseUrl: fake.responseUrl() }),
        { secret: SECRET },
      );
      expect(response.status).toBe(200);
      await slow.stop();
      const answered = fake.responseUrlHits.map((hit) => allText((hit.body as { blocks: unknown[] }).blocks));
      expect(answered.some((text) => text.includes("Blocked"))).toBe(true);
      await expect(fetch(`http://127.0.0.1:${slow.port}/slack/events`, { method: "POST" })).rejects.toThrow();
    } finally {
      await fake.close();
    }
  });
});

describe("Socket Mode (SLACK_APP_TOKEN set)", () => {
  const socketModeApp = (apiUrl: string, port: number, extra: Partial<TestSlackSurfaceOptions> = {}) =>
    createTestSlackSurface({
      slack: { botToken: "xoxb-test-token", appToken: "xapp-1-test", apiUrl },
      port,
      moderation: createFakeModeration(),
      moderators: { users: ["U0MOD"], groups: [] },
      blocklistPageSize: 15,
      logger: captureLogger(),
      ...extra,
    });

  it("gives up with a clear error, and frees the port, when the WebSocket never opens", async () => {
    const fake = await startFakeSlackApi();
    // Slack hands out a socket URL, but nothing answers there: the client would retry for ever.
    const deadPort = await freePort();
    fake.handle("apps.connections.open", () => ({ ok: true, url: `ws://127.0.0.1:${deadPort}/link/` }));
    const free = await freePort();
    const socket = socketModeApp(fake.url, free, { socketModeStartTimeoutMs: 1500 });
    try {
      const error = await socket.start().catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: "slack_socket_mode_start" });
      expect((error as Error).message).toContain("SLACK_APP_TOKEN");
      expect(socket.port).toBeUndefined();
      expect(await freePort(free)).toBe(free);
    } finally {
      await fake.close();
    }
  });

  it("asks SLACK_API_URL for a connection with the app token, and frees the port when Slack refuses", async () => {
    const fake = await startFakeSlackApi();
    fake.failMethod("apps.connections.open", "invalid_auth");
    const free = await freePort();
    const socket = socketModeApp(fake.url, free);
    try {
      await expect(socket.start()).rejects.toThrow();
      expect(fake.callsTo("apps.connections.open")[0]?.token).toBe("xapp-1-test");
      expect(socket.port).toBeUndefined();
      expect(await freePort(free)).toBe(free);
    } finally {
      await fake.close();
    }
  });
});
