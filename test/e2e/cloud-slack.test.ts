import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escapeNonAscii, hubSignature } from "../../src/sandbox/index.js";
import { ActionId, INPUT_ACTION_ID, ReportModalField } from "../../src/slack/ids.js";
import { allText } from "../slack/views/block-helpers.js";
import type { SlackApiCall } from "../support/fake-slack-api.js";
import { type E2EApp, relayedPosts, startE2EApp, trackPostedTs } from "./harness.js";

/**
 * The bot on WA_BACKEND=sandbox-cloud: the built-in sandbox speaking the Cloud API (Graph `block_users` with
 * cursors, BSUID users, signed webhooks) over loopback, driven by signed Slack requests.
 */

// From the sandbox's default seed (src/sandbox/index.ts): engaged users, and a username-only one who just wrote.
const ENGAGED = "+16315551001";
const ENGAGED_TOO = "+16315551003";
const USERNAME_ONLY = "US.15820394857610293847";
const VERIFY_TOKEN = "e2e-verify-token-0123";

let app: E2EApp;
let tsOf: (call: SlackApiCall) => string | undefined;

beforeAll(async () => {
  app = await startE2EApp({
    WA_BACKEND: "sandbox-cloud",
    WA_VERIFY_TOKEN: VERIFY_TOKEN,
    BLOCKLIST_PAGE_SIZE: "10",
  });
  tsOf = trackPostedTs(app.slack);
});
afterAll(async () => {
  await app.close();
});

async function answerTo(text: string): Promise<string> {
  const { status, path } = await app.command(text);
  expect(status).toBe(200);
  return app.finalAnswer(path);
}

const blockCalls = (method: string) =>
  app.cloudSandbox.state.calls.filter((call) => call.method === method && call.path.endsWith("/block_users"));

describe("moderating on the Cloud API", () => {
  it("checks a number from what the bot knows, without asking WhatsApp", async () => {
    const before = app.cloudSandbox.state.calls.length;
    const answer = await answerTo(ENGAGED);
    expect(answer).toContain("Answered from what this bot knows");
    expect(answer).toContain("_From the audit trail:_");
    expect(app.cloudSandbox.state.calls.length).toBe(before);
  });

  it("blocks and unblocks a number through block_users", async () => {
    expect(await answerTo(`block ${ENGAGED} spam`)).toContain("Blocked *+1 631-555-1001*");
    expect(app.cloudSandbox.state.blocklist).toContain("16315551001");
    expect(blockCalls("POST").length).toBeGreaterThan(0);
    expect(await answerTo(`unblock ${ENGAGED}`)).toContain("Unblocked *+1 631-555-1001*");
    expect(app.cloudSandbox.state.blocklist).not.toContain("16315551001");
  });

  it("records a report, says WhatsApp has no report API, and blocks when asked", async () => {
    const answer = await answerTo(`report ${ENGAGED_TOO} --block scam`);
    expect(answer).toContain("Recorded the report of *+1 631-555-1003*");
    expect(answer).toContain("WhatsApp offers businesses no report API");
    expect(app.cloudSandbox.state.blocklist).toContain("16315551003");
    const audit = await app.slack.waitFor(() =>
      app.slack.callsTo("chat.postMessage").find((call) => String(call.body.text).includes("report")),
    );
    expect(audit).toBeDefined();
  });

  it("explains 131047 for a contact that has not written in 24 hours", async () => {
    const answer = await answerTo("block +16315551004");
    expect(answer).toContain("131047");
    expect(answer).toContain("or has no WhatsApp account at all");
  });

  it("pages the blocklist with cursors, and starts again at page 1 when the list changed meanwhile", async () => {
    const first = await app.command("blocklist");
    const page1 = await app.finalAnswer(first.path);
    expect(page1).toContain("page 1");
    const hit = app.slack.responseUrlHits.filter((candidate) => candidate.path === first.path).at(-1);
    type Shown = { blocks?: Array<{ elements?: Array<{ action_id?: string; value?: string }> }> };
    const next = ((hit?.body as Shown | undefined)?.blocks ?? [])
      .flatMap((block) => block.elements ?? [])
      .find((element) => element.action_id === ActionId.BlocklistNext);
    expect(next?.value).toBeDefined();

    const clicked = await app.click({ actionId: ActionId.BlocklistNext, value: next?.value ?? "" });
    expect(await app.finalAnswer(clicked.path)).toContain("page 2");

    // The list changes: the cursor the Next button carries is stale now.
    await answerTo(`block ${ENGAGED} again`);
    const stale = await app.click({ actionId: ActionId.BlocklistNext, value: next?.value ?? "" });
    const restarted = await app.finalAnswer(stale.path);
    expect(restarted).toContain("The blocklist changed while it was being paged: back to page 1.");
    expect(restarted).toContain("page 1");
  });

  it("relays a message from a username user with no number, then reports and blocks it by BSUID", async () => {
    const inbound = await app.cloudSandbox.simulateInbound({ userId: USERNAME_ONLY, text: "Win a prize 🎁" });
    expect(inbound).toMatchObject({ delivered: true, status: 200 });
    const post = await app.slack.waitFor(() => relayedPosts(app.slack, inbound.messageId)[0]);
    expect(allText(post.body.blocks as unknown[])).toContain(USERNAME_ONLY);
    expect(post.body.metadata).toMatchObject({
      event_payload: { user_id: USERNAME_ONLY, message_id: inbound.messageId },
    });

    const opens = app.slack.callsTo("views.open").length;
    await app.shortcut({
      ts: tsOf(post),
      text: post.body.text,
      blocks: post.body.blocks,
      metadata: post.body.metadata,
    });
    const open = await app.slack.waitFor(() => app.slack.callsTo("views.open")[opens]);
    const view = open.body.view as { callback_id: string; private_metadata: string; blocks: unknown[] };
    expect(allText(view.blocks)).toContain(USERNAME_ONLY);
    const submitted = await app.submit({
      callbackId: view.callback_id,
      privateMetadata: view.private_metadata,
      blocks: view.blocks,
      values: {
        [ReportModalField.Reason]: { [INPUT_ACTION_ID]: { type: "plain_text_input", value: "prize scam" } },
        [ReportModalField.AlsoBlock]: {
          [INPUT_ACTION_ID]: { type: "checkboxes", selected_options: [{ value: "block" }] },
        },
      },
    });
    expect(submitted.status).toBe(200);
    // A user with no phone number is on the sandbox's blocklist under its BSUID: it was sent as `user_id`.
    await app.slack.waitFor(() => app.cloudSandbox.state.blocklist.includes(USERNAME_ONLY) || undefined);
  });
});

describe("the Cloud webhook", () => {
  const body = (text: string) =>
    JSON.stringify({
      object: "whatsapp_business_account",
      entry: [
        {
          id: "0",
          changes: [
            {
              field: "messages",
              value: {
                messaging_product: "whatsapp",
                metadata: {
                  display_phone_number: "16315550100",
                  phone_number_id: app.cloudSandbox.phoneNumberId,
                },
                contacts: [
                  { profile: { name: "Zoë" }, wa_id: "16315551002", user_id: "US.10736251948273645012" },
                ],
                messages: [
                  {
                    from: "16315551002",
                    from_user_id: "US.10736251948273645012",
                    id: `wamid.E2E${Math.random().toString(36).slice(2)}`,
                    timestamp: String(Math.floor(Date.now() / 1000)),
                    type: "text",
                    text: { body: text },
                  },
                ],
              },
            },
          ],
        },
      ],
    });

  const post = (raw: string, signature: string) =>
    fetch(`${app.url}/whatsapp/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-hub-signature-256": signature },
      body: raw,
    });

  it("accepts a non-ASCII delivery signed over its raw bytes and one signed over its escaped form", async () => {
    const { appSecret } = app.cloudSandbox;
    const raw = body("Olá, café ☕");
    expect((await post(raw, hubSignature(appSecret, raw))).status).toBe(200);
    // Meta signs the escaped form of the body it sends.
    const other = body("Olá de novo, café ☕");
    expect(escapeNonAscii(other)).not.toBe(other);
    expect((await post(other, hubSignature(appSecret, escapeNonAscii(other)))).status).toBe(200);
    const relayed = await app.slack.waitFor(() => {
      const texts = app.slack.callsTo("chat.postMessage").map((call) => String(call.body.text));
      return (
        texts.some((text) => text.includes("Olá, café")) && texts.some((text) => text.includes("Olá de novo"))
      );
    });
    expect(relayed).toBe(true);
  });

  it("refuses a bad signature with 401 and relays nothing", async () => {
    const before = app.slack.callsTo("chat.postMessage").length;
    const raw = body("forged");
    expect((await post(raw, `sha256=${"0".repeat(64)}`)).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(app.slack.callsTo("chat.postMessage").length).toBe(before);
  });

  it("answers Meta's subscription check with the challenge only for the right verify token", async () => {
    const check = (token: string) =>
      fetch(
        `${app.url}/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`,
      );
    const good = await check(VERIFY_TOKEN);
    expect(good.status).toBe(200);
    expect(await good.text()).toBe("1158201444");
    expect((await check("wrong-token")).status).toBe(403);
  });
});
