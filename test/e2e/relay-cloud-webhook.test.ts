import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BSUID, FIXTURES, fixtureBytes } from "../relay/cloud-fixtures.js";
import { allText } from "../slack/views/block-helpers.js";
import { type E2EApp, RELAY_CHANNEL, relayedPosts, startE2EApp } from "./harness.js";

/**
 * The bot on WA_BACKEND=sandbox-cloud receiving Meta's documented webhook bodies (test/fixtures/cloud/) over HTTP,
 * byte for byte and signed with the app secret: what reaches Slack, what the BSUID map learns, and what it costs
 * a delivery the bot cannot use (docs/CONTRACT.md §1.2, §1.3, §5).
 */

/** The message id of Meta's BSUID example. */
const BSUID_MESSAGE_ID = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=";

let app: E2EApp;
beforeAll(async () => {
  app = await startE2EApp({ WA_BACKEND: "sandbox-cloud" });
});
afterAll(async () => {
  await app.close();
});

function deliver(body: Buffer | string, secret = app.cloudSandbox.appSecret) {
  const signature = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
  return fetch(`${app.url}/whatsapp/webhook`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-hub-signature-256": signature },
    body,
  });
}

async function checkAnswer(number: string): Promise<string> {
  const { status, path } = await app.command(number);
  expect(status).toBe(200);
  return app.finalAnswer(path);
}

describe("Meta's documented Cloud webhooks, delivered to the running bot", () => {
  it("relays a username user with no number by BSUID and username, with user_id metadata", async () => {
    expect((await deliver(fixtureBytes(FIXTURES.bsuidInbound))).status).toBe(200);

    const post = await app.slack.waitFor(() => relayedPosts(app.slack, BSUID_MESSAGE_ID)[0]);
    expect(post.body.channel).toBe(RELAY_CHANNEL);
    const shown = allText(post.body.blocks as unknown[]);
    expect(shown).toContain(`Sheena Nelson · @realsheenanelson · ${BSUID}`);
    expect(shown).toContain(`user_id: ${BSUID} · message id: ${BSUID_MESSAGE_ID}`);
    expect(shown).not.toContain("wa_id");
    expect(post.body.metadata).toEqual({
      event_type: "whatsapp_inbound_message",
      event_payload: { user_id: BSUID, message_id: BSUID_MESSAGE_ID, timestamp: 1749416383 },
    });
  });

  it("relays that message once, even when Meta delivers it again after a restart", async () => {
    await app.slack.waitFor(() => relayedPosts(app.slack, BSUID_MESSAGE_ID)[0]);
    await app.restart();

    expect((await deliver(fixtureBytes(FIXTURES.bsuidInbound))).status).toBe(200);
    // A later message posted means the redelivery has had its turn.
    expect((await deliver(fixtureBytes(FIXTURES.pywaText))).status).toBe(200);
    await app.slack.waitFor(() => relayedPosts(app.slack, "wamid.xyzxyz")[0]);

    expect(relayedPosts(app.slack, BSUID_MESSAGE_ID)).toHaveLength(1);
  });

  it("learns a number's BSUID from a status callback, and /wa-check shows it", async () => {
    const posted = relayedPosts(app.slack).length;

    expect((await deliver(fixtureBytes(FIXTURES.statusToPhone))).status).toBe(200);

    await expect.poll(() => checkAnswer("+16505551234"), { timeout: 10_000 }).toContain(BSUID);
    expect(relayedPosts(app.slack)).toHaveLength(posted);
  });

  it("answers 200 to signed deliveries it cannot use, relays nothing and logs each", async () => {
    const posted = relayedPosts(app.slack).length;
    const logged = (text: string) => app.logger.lines.filter((line) => line.includes(text)).length;
    const [notJson, leftAside] = [logged("is not JSON"), logged("parts left aside")];

    expect((await deliver('{"object":"whatsapp_business_account","entry":[')).status).toBe(200);
    expect((await deliver(JSON.stringify({ object: "page", entry: [] }))).status).toBe(200);
    expect((await deliver(fixtureBytes(FIXTURES.statusFailed))).status).toBe(200);

    expect(logged("is not JSON")).toBe(notJson + 1);
    expect(logged("parts left aside")).toBe(leftAside + 1);
    expect(relayedPosts(app.slack)).toHaveLength(posted);
  });

  it("answers 401 to a delivery signed with another secret, and learns nothing from it", async () => {
    const forged = fixtureBytes(FIXTURES.statusToBsuid).toString("utf8").replace("@pablomorales", "@forged");

    const answer = await deliver(forged, "not-the-app-secret");

    expect(answer.status).toBe(401);
    // The genuine status delivered earlier taught "@pablomorales"; the forged one changed nothing.
    const known = await checkAnswer(BSUID);
    expect(known).toContain("@pablomorales");
    expect(known).not.toContain("@forged");
  });
});
