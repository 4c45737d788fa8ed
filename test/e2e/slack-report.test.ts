import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allText } from "../slack/views/block-helpers.js";
import type { SubmittedView } from "../support/slack-requests.js";
import { AUDIT_CHANNEL, contactActions, type E2EApp, RELAY_CHANNEL, startE2EApp } from "./harness.js";

/**
 * Reporting a WhatsApp sender: by command, and by the "Report sender" shortcut on messages the relay posted
 * (a contact writes through the sandbox, the app relays it to the fake Slack, the moderator uses the shortcut on
 * that very post, the modal opens, the moderator submits it, and the sandbox records the report).
 */

interface OpenedModal {
  callback_id: string;
  private_metadata: string;
  blocks: unknown[];
}

describe("reporting a sender, end to end", () => {
  let app: E2EApp;

  beforeAll(async () => {
    app = await startE2EApp();
  });
  afterAll(async () => {
    await app.close();
  });

  /** A contact writes; resolves with the message id and the post the relay made of it, as Slack stores it. */
  const inbound = async (from: string, text: string) => {
    const sent = await app.sandbox.simulateInbound({ from, text });
    expect(sent.delivered).toBe(true);
    const call = await app.slack.waitFor(() =>
      app.slack.callsTo("chat.postMessage").find((candidate) => {
        const metadata = candidate.body.metadata as { event_payload?: { message_id?: string } } | undefined;
        return (
          candidate.body.channel === RELAY_CHANNEL && metadata?.event_payload?.message_id === sent.messageId
        );
      }),
    );
    const post = { ts: "1700000000.000500", text: call.body.text, blocks: call.body.blocks };
    return { messageId: sent.messageId, post, metadata: call.body.metadata };
  };

  /** Runs the shortcut on `message`; resolves with the modal it opened. */
  const shortcutOpens = async (message: Record<string, unknown>): Promise<OpenedModal> => {
    const opened = app.slack.callsTo("views.open").length;
    const { status } = await app.shortcut(message);
    expect(status).toBe(200);
    const call = await app.slack.waitFor(() => app.slack.callsTo("views.open")[opened]);
    return call.body.view as OpenedModal;
  };

  const submission = (
    modal: OpenedModal,
    fields: { reason?: string; alsoBlock?: boolean; number?: string },
  ): SubmittedView => ({
    callbackId: modal.callback_id,
    privateMetadata: modal.private_metadata,
    blocks: modal.blocks,
    values: {
      ...(fields.number === undefined
        ? {}
        : { number: { value: { type: "plain_text_input", value: fields.number } } }),
      reason: { value: { type: "plain_text_input", value: fields.reason ?? null } },
      also_block: {
        value: {
          type: "checkboxes",
          selected_options: fields.alsoBlock
            ? [{ text: { type: "plain_text", text: "Also block this number" }, value: "block" }]
            : [],
        },
      },
    },
  });

  const reportOf = (waId: string) =>
    app.slack.waitFor(() => app.sandbox.state.reports.find((report) => report.waId === waId));

  const ephemeralAbout = (words: string) =>
    app.slack.waitFor(() =>
      app.slack
        .callsTo("chat.postEphemeral")
        .map((call) => allText((call.body.blocks as unknown[]) ?? []))
        .find((text) => text.includes(words)),
    );

  describe("by command", () => {
    it("reports with the message id, blocks with --block, and keeps the reason", async () => {
      const { messageId } = await inbound("+919876500101", "send me your OTP");
      const { status, path } = await app.command(`report +91 98765 00101 ${messageId} --block asks for OTP`);
      expect(status).toBe(200);
      const answer = await app.finalAnswer(path);
      expect(answer).toContain(
        `Reported *+91 98765 00101* to WhatsApp with message id \`${messageId}\` and blocked it.`,
      );
      expect(answer).toContain("reason: asks for OTP");

      const report = await reportOf("919876500101");
      expect(report).toMatchObject({ messageIds: [messageId], block: true, reason: "asks for OTP" });
      expect(app.sandbox.state.blocklist).toContain("919876500101");
    });
  });

  describe('by the "Report sender" shortcut', () => {
    it("reads the sender and message id from the relayed message's metadata, and reports that message", async () => {
      const { messageId, post, metadata } = await inbound("+16315551001", "cheap crypto, click here");
      expect(metadata).toMatchObject({
        event_type: "whatsapp_inbound_message",
        event_payload: { wa_id: "16315551001", message_id: messageId },
      });
      // The visible reference is removed: only the metadata can tell the sender.
      const modal = await shortcutOpens({ ts: post.ts, text: "a relayed message", blocks: [], metadata });
      const shown = allText(modal.blocks);
      expect(shown).toContain("+1 631-555-1001");
      expect(shown).toContain(`Message id: \`${messageId}\``);

      const submitted = await app.submit(submission(modal, { reason: "crypto scam" }));
      expect(submitted.status).toBe(200);
      const report = await reportOf("16315551001");
      expect(report).toMatchObject({ messageIds: [messageId], block: false, reason: "crypto scam" });
      expect(app.sandbox.state.blocklist).not.toContain("16315551001");
      expect(await ephemeralAbout("Reported *+1 631-555-1001*")).toContain(messageId);
    });

    it('falls back to the "wa_id: … · message id: …" reference in the message\'s blocks when metadata is gone', async () => {
      const { messageId, post } = await inbound("+16315551002", "you won a prize");
      expect(allText(post.blocks as unknown[])).toContain(`wa_id: 16315551002 · message id: ${messageId}`);
      const modal = await shortcutOpens(post);
      const shown = allText(modal.blocks);
      expect(shown).toContain("+1 631-555-1002");
      expect(shown).toContain(`Message id: \`${messageId}\``);

      await app.submit(submission(modal, { alsoBlock: true }));
      const report = await reportOf("16315551002");
      expect(report).toMatchObject({ messageIds: [messageId], block: true });
      expect(app.sandbox.state.blocklist).toContain("16315551002");
    });

    it("asks for the number on a message with no WhatsApp sender, then reports the contact's last messages", async () => {
      const { messageId } = await inbound("+16315551003", "stop ignoring me");
      const modal = await shortcutOpens({
        ts: "1700000000.000900",
        text: "Lunch at noon?",
        blocks: [{ type: "section", text: { type: "mrkdwn", text: "Lunch at noon?" } }],
      });
      const numberInput = modal.blocks.find(
        (block) => (block as { block_id?: string }).block_id === "number",
      ) as { type: string } | undefined;
      expect(numberInput?.type).toBe("input");
      expect(allText(modal.blocks)).toContain(
        "No message id: WhatsApp will receive the contact's last 5 messages.",
      );

      await app.submit(submission(modal, { number: "+1 631 555 1003", reason: "threats" }));
      const report = await reportOf("16315551003");
      // No message id named: the server sends the contact's last messages, this one among them.
      expect(report).toMatchObject({ block: false, reason: "threats" });
      expect(report.messageIds).toContain(messageId);
    });

    it("keeps the modal open on an over-long reason, sends nothing, and audits the refusal", async () => {
      await inbound("+16315551005", "you will regret this");
      const modal = await shortcutOpens({ ts: "1700000000.000970", text: "Hi", blocks: [] });
      const reportsBefore = contactActions(app.sandbox, ["report"]);
      const reason = "x".repeat(70);

      const refused = await app.submit(submission(modal, { number: "+1 631 555 1005", reason }));
      expect(JSON.parse(refused.body)).toEqual({
        response_action: "errors",
        errors: { reason: "reasons must be under 60 characters; this one has 70" },
      });
      const audited = await app.slack.waitFor(() =>
        app.slack.callsTo("chat.postMessage").find((call) => {
          const line = String(call.body.text);
          return (
            call.body.channel === AUDIT_CHANNEL && line.includes("⛔") && line.includes("reason_too_long")
          );
        }),
      );
      expect(String(audited.body.text)).toContain("631-555-1005");
      expect(contactActions(app.sandbox, ["report"])).toBe(reportsBefore);
    });

    it("keeps the modal open on a typed number it cannot read, then reports the corrected one", async () => {
      await inbound("+16315551004", "answer me now");
      const modal = await shortcutOpens({ ts: "1700000000.000950", text: "Coffee?", blocks: [] });
      const reportCalls = () => contactActions(app.sandbox, ["report"]);
      const reportsBefore = reportCalls();
      const ephemeralsBefore = app.slack.callsTo("chat.postEphemeral").length;

      const refused = await app.submit(
        submission(modal, { number: "+1 631 55S", reason: "threats", alsoBlock: true }),
      );
      expect(refused.status).toBe(200);
      expect(JSON.parse(refused.body)).toEqual({
        response_action: "errors",
        errors: {
          number:
            '"+1 631 55S" has a letter in it ("S"); a phone number is digits only. Type the number with its country code, like +1 631 555 1000.',
        },
      });
      expect(reportCalls()).toBe(reportsBefore);
      expect(app.slack.callsTo("chat.postEphemeral")).toHaveLength(ephemeralsBefore);

      const corrected = await app.submit(
        submission(modal, { number: "+1 631 555 1004", reason: "threats", alsoBlock: true }),
      );
      expect(corrected.status).toBe(200);
      expect(await reportOf("16315551004")).toMatchObject({ block: true, reason: "threats" });
      expect(await ephemeralAbout("Reported *+1 631-555-1004*")).toBeDefined();
      expect(reportCalls()).toBe(reportsBefore + 1);
    });
  });
});
