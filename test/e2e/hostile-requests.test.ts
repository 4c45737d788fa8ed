import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuditTrail } from "../../src/moderation/audit-trail.js";
import { createStore } from "../../src/store/create-store.js";
import { captureLogger } from "../support/capture-logger.js";
import { postSigned, signature, slashCommand } from "../support/slack-requests.js";
import {
  contactActions,
  type E2EApp,
  expectServing,
  MODERATOR_ID,
  SIGNING_SECRET,
  STRANGER_ID,
  startE2EApp,
} from "./harness.js";

/**
 * Request hygiene on /slack/events (docs/CONTRACT.md §8), from outside, as an attacker would try it: signed
 * garbage, replays, clocks off either way, huge bodies, payload types no listener serves. Every answer comes at
 * once, nothing reaches WhatsApp twice, and the process keeps serving.
 */

describe("hostile requests to /slack/events", () => {
  let app: E2EApp;
  const events = () => `${app.url}/slack/events`;
  const form = (payload: string) => `payload=${encodeURIComponent(payload)}`;

  beforeAll(async () => {
    app = await startE2EApp();
  });
  afterAll(async () => {
    await app.close();
  });

  const expectStillServing = () => expectServing(app);

  it.each([
    ["payload=null", "null"],
    ["payload=[]", "[]"],
    ["payload=42", "42"],
    ['payload="text"', '"text"'],
    ["a payload with no type", JSON.stringify({ user: { id: MODERATOR_ID } })],
    ["a payload whose type is not a string", JSON.stringify({ type: 7 })],
  ])("answers a signed %s with 400 at once and keeps serving", async (_what, payload) => {
    const response = await postSigned(events(), form(payload), { secret: SIGNING_SECRET });
    expect(response.status).toBe(400);
    expect(response.elapsedMs).toBeLessThan(1000);
    await expectStillServing();
  });

  it("answers a signed JSON body of null with 400", async () => {
    const response = await postSigned(events(), "null", {
      secret: SIGNING_SECRET,
      contentType: "application/json",
    });
    expect(response.status).toBe(400);
  });

  it("answers a well-formed interaction type no listener serves with 200 at once, not a 404 after 3 s", async () => {
    const payload = JSON.stringify({
      type: "view_closed",
      user: { id: MODERATOR_ID },
      view: { id: "V1", callback_id: "report_modal" },
    });
    const response = await postSigned(events(), form(payload), { secret: SIGNING_SECRET });
    expect(response.status).toBe(200);
    expect(response.elapsedMs).toBeLessThan(1000);
  });

  it("answers a shortcut no listener serves with 200 at once", async () => {
    const payload = JSON.stringify({
      type: "message_action",
      callback_id: "some_other_shortcut",
      user: { id: MODERATOR_ID },
      message: { ts: "1.1" },
      response_url: app.slack.responseUrl(),
    });
    const response = await postSigned(events(), form(payload), { secret: SIGNING_SECRET });
    expect(response.status).toBe(200);
    expect(response.elapsedMs).toBeLessThan(1000);
  });

  it("answers an unknown payload type with 400 at once", async () => {
    const payload = JSON.stringify({ type: "mystery_event", user: { id: MODERATOR_ID } });
    const response = await postSigned(events(), form(payload), { secret: SIGNING_SECRET });
    expect(response.status).toBe(400);
    expect(response.elapsedMs).toBeLessThan(1000);
  });

  it("answers Slack's ssl_check with 200 only when it is signed", async () => {
    const body = "ssl_check=1&token=xyz";
    const signed = await postSigned(events(), body, { secret: SIGNING_SECRET });
    const unsigned = await postSigned(events(), body, { secret: "not-the-signing-secret" });
    expect([signed.status, unsigned.status]).toEqual([200, 401]);
  });

  it("answers a body over 1 MB with 413", async () => {
    const body = `text=${"1".repeat(1024 * 1024 + 10)}&command=%2Fwa-check`;
    const response = await postSigned(events(), body, { secret: SIGNING_SECRET });
    expect(response.status).toBe(413);
    await expectStillServing();
  });

  it.each([
    ["6 minutes in the future", 6 * 60],
    ["6 minutes old", -6 * 60],
  ])("refuses a signed request whose timestamp is %s with 401", async (_when, offsetSeconds) => {
    const before = contactActions(app.sandbox);
    const timestamp = Math.floor(Date.now() / 1000) + offsetSeconds;
    const body = slashCommand("block +1 631 555 1001 spam", {
      userId: MODERATOR_ID,
      responseUrl: app.slack.responseUrl(),
    });
    const response = await postSigned(events(), body, { secret: SIGNING_SECRET, timestamp });
    expect(response.status).toBe(401);
    expect(contactActions(app.sandbox)).toBe(before);
  });

  it("accepts a timestamp 4 minutes in the future (clocks drift)", async () => {
    const soon = Math.floor(Date.now() / 1000) + 4 * 60;
    const body = slashCommand("help", { userId: MODERATOR_ID, responseUrl: app.slack.responseUrl() });
    const response = await postSigned(events(), body, { secret: SIGNING_SECRET, timestamp: soon });
    expect(response.status).toBe(200);
  });

  it("refuses /wa-check block 1 1 1 … of 10,000 characters at once, naming the 4,000-character limit", async () => {
    const before = contactActions(app.sandbox);
    const text = `block ${"1 ".repeat(5_000)}`.slice(0, 10_000);
    const started = Date.now();
    const { status, ackText } = await app.command(text);
    expect(status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(ackText).toContain("4,000 characters");
    expect(ackText).toContain("10,000");
    expect(contactActions(app.sandbox)).toBe(before);
  });

  it("refuses 10,000 characters from someone who may not moderate as such, at once, before reading the text", async () => {
    const text = "1 ".repeat(5_000);
    const started = Date.now();
    const { status, ackText } = await app.command(text, { userId: STRANGER_ID });
    expect(status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(ackText).toContain(`\`${STRANGER_ID}\` is not in \`MODERATORS\``);
    expect(ackText).not.toContain("4,000");
  });

  it("renders a crafted stored actor in a public history without a ping or a mention", async () => {
    const store = await createStore(app.storeUrl, { logger: captureLogger() });
    try {
      await createAuditTrail(store).append({
        at: new Date().toISOString(),
        actor: "<!channel>",
        action: "block",
        contact: "+16315551002",
        outcome: "ok",
        reason: "<!here> \uD83D",
      });
    } finally {
      await store.close();
    }
    const { status, path } = await app.command("history +1 631 555 1002 --public");
    expect(status).toBe(200);
    await app.finalAnswer(path);
    const posted = JSON.stringify(app.slack.responseUrlHits.filter((hit) => hit.path === path));
    expect(posted).toContain("&lt;!channel&gt;");
    expect(posted).not.toMatch(/<!channel>|<!here>|<@</);
  });

  it("acts on a replayed block once: the replay is answered 200, and nothing is blocked or answered again", async () => {
    const before = contactActions(app.sandbox, ["block"]);
    const timestamp = Math.floor(Date.now() / 1000);
    const responseUrl = app.slack.responseUrl();
    const path = new URL(responseUrl).pathname;
    const body = slashCommand("block +1 631 555 1003 spam", { userId: MODERATOR_ID, responseUrl });
    const sig = signature(SIGNING_SECRET, timestamp, body);
    const first = await postSigned(events(), body, { secret: SIGNING_SECRET, timestamp, signature: sig });
    expect(first.status).toBe(200);
    await app.finalAnswer(path);
    const answered = app.answers(path).length;
    const logged = app.logger.lines.length;
    const replays = await Promise.all(
      [1, 2].map(() => postSigned(events(), body, { secret: SIGNING_SECRET, timestamp, signature: sig })),
    );
    expect(replays.map((replay) => replay.status)).toEqual([200, 200]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(contactActions(app.sandbox, ["block"])).toBe(before + 1);
    expect(app.answers(path)).toHaveLength(answered);
    const since = app.logger.lines
      .slice(logged)
      .map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(since.filter((record) => record.msg.includes("ignored a replayed Slack request"))).toHaveLength(2);
    expect(since.filter((record) => record.level >= 50)).toEqual([]);
  });

  it("acts on a block replayed to another replica once: the replicas share the signatures seen", async () => {
    const replicaUrl = await app.startReplica();
    const before = contactActions(app.sandbox, ["block"]);
    const timestamp = Math.floor(Date.now() / 1000);
    const responseUrl = app.slack.responseUrl();
    const body = slashCommand("block +1 631 555 1004 spam", { userId: MODERATOR_ID, responseUrl });
    const signed = {
      secret: SIGNING_SECRET,
      timestamp,
      signature: signature(SIGNING_SECRET, timestamp, body),
    };
    const first = await postSigned(events(), body, signed);
    expect(first.status).toBe(200);
    await app.finalAnswer(new URL(responseUrl).pathname);
    const path = new URL(responseUrl).pathname;
    await app.finalAnswer(path);
    const answered = app.answers(path).length;
    const replay = await postSigned(`${replicaUrl}/slack/events`, body, signed);
    expect(replay.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(contactActions(app.sandbox, ["block"])).toBe(before + 1);
    expect(app.answers(path)).toHaveLength(answered);
  });
});
