import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INPUT_ACTION_ID, ReportModalField } from "../../src/slack/ids.js";
import { allText } from "../slack/views/block-helpers.js";
import type { SlackApiCall } from "../support/fake-slack-api.js";
import {
  type E2EApp,
  MODERATOR_ID,
  RELAY_CHANNEL,
  relayedPosts,
  startE2EApp,
  trackPostedTs,
} from "./harness.js";

const BOT_TOKEN = "xoxb-e2e-token";

describe("a contact writes on WhatsApp and a moderator reports it from the relayed post", () => {
  let app: E2EApp;
  let tsOf: (call: SlackApiCall) => string | undefined;
  beforeAll(async () => {
    app = await startE2EApp();
    tsOf = trackPostedTs(app.slack);
  });
  afterAll(async () => {
    await app.close();
  });

  const relayedPost = (messageId: string) => app.slack.waitFor(() => relayedPosts(app.slack, messageId)[0]);

  it("relays what the sandbox's node delivers to the app's own webhook", async () => {
    const inbound = await app.sandbox.simulateInbound({ from: "+16315551003", text: "Where is my order?" });
    expect(inbound).toMatchObject({ delivered: true, status: 200 });

    const post = await relayedPost(inbound.messageId);
    expect(post.body.channel).toBe(RELAY_CHANNEL);
    // Slack refuses a post without the bot token: nothing would show in the channel.
    expect(post.token).toBe(BOT_TOKEN);
    const shown = allText(post.body.blocks as unknown[]);
    expect(shown).toContain("Priya Raman");
    expect(shown).toContain("+1 631-555-1003");
    expect(shown).toContain("Where is my order?");
    expect(post.body.metadata).toEqual({
      event_type: "whatsapp_inbound_message",
      event_payload: { wa_id: "16315551003", message_id: inbound.messageId, timestamp: inbound.timestamp },
    });
  });

  it("reports the sender with the relayed message's own id through the shortcut and its modal", async () => {
    const inbound = await app.sandbox.simulateInbound({
      from: "+16315551002",
      text: "Cheap followers, click here",
    });
    const post = await relayedPost(inbound.messageId);
    const ts = tsOf(post);
    expect(ts).toBeDefined();

    const opensBefore = app.slack.callsTo("views.open").length;
    const { status } = await app.shortcut({
      ts,
      text: post.body.text,
      blocks: post.body.blocks,
      metadata: post.body.metadata,
      bot_id: "B0BOT",
    });
    expect(status).toBe(200);
    const open = await app.slack.waitFor(() => app.slack.callsTo("views.open")[opensBefore]);
    const view = open.body.view as { callback_id: string; private_metadata: string; blocks: unknown[] };
    const modalText = allText(view.blocks);
    expect(modalText).toContain("+1 631-555-1002");
    expect(modalText).toContain(inbound.messageId);

    const submitted = await app.submit({
      callbackId: view.callback_id,
      privateMetadata: view.private_metadata,
      blocks: view.blocks,
      values: {
        [ReportModalField.Reason]: { [INPUT_ACTION_ID]: { type: "plain_text_input", value: "spam link" } },
        [ReportModalField.AlsoBlock]: { [INPUT_ACTION_ID]: { type: "checkboxes", selected_options: [] } },
      },
    });
    expect(submitted.status).toBe(200);

    const report = await app.slack.waitFor(() =>
      app.sandbox.state.reports.find((candidate) => candidate.waId === "16315551002"),
    );
    expect(report).toMatchObject({ reason: "spam link", block: false, messageIds: [inbound.messageId] });
    const told = await app.slack.waitFor(() =>
      app.slack
        .callsTo("chat.postEphemeral")
        .find((call) => call.body.user === MODERATOR_ID && String(call.body.text).includes("Reported")),
    );
    expect(String(told.body.text)).toContain(inbound.messageId);
  });
});
