import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SlackApiCall } from "../support/fake-slack-api.js";
import { AUDIT_CHANNEL, type E2EApp, MODERATOR_ID, relayedPosts, startE2EApp } from "./harness.js";

const BOT_TOKEN = "xoxb-e2e-token";

describe("the audit channel and a contact's history", () => {
  let app: E2EApp;
  beforeAll(async () => {
    app = await startE2EApp();
  });
  afterAll(async () => {
    await app.close();
  });

  const auditPosts = (): SlackApiCall[] =>
    app.slack.callsTo("chat.postMessage").filter((call) => call.body.channel === AUDIT_CHANNEL);

  /** Runs a command to its final answer, then waits for the audit post that mentions every one of `words`. */
  const auditOf = async (
    command: string,
    words: string[],
  ): Promise<{ answer: string; audit: SlackApiCall }> => {
    const { status, path } = await app.command(command);
    expect(status).toBe(200);
    const answer = await app.finalAnswer(path);
    const audit = await app.slack.waitFor(() =>
      auditPosts().find((call) => words.every((word) => String(call.body.text).includes(word))),
    );
    // Slack refuses a post without the bot token: nothing would show in the channel.
    expect(audit.token).toBe(BOT_TOKEN);
    return { answer, audit };
  };

  /** A message from the contact, relayed, so WhatsApp's 24-hour window is open and the bot knows when it wrote. */
  const writes = async (from: string, text: string) => {
    const inbound = await app.sandbox.simulateInbound({ from, text });
    await app.slack.waitFor(() => relayedPosts(app.slack, inbound.messageId)[0]);
    return inbound;
  };

  describe("each moderation action is posted with actor, action, contact, reason and outcome", () => {
    it("posts a block", async () => {
      const { answer, audit } = await auditOf("block +1 631 555 1002 spam links", [
        "blocked",
        "+1 631-555-1002",
      ]);
      expect(answer).toContain("Blocked");
      expect(audit.body.text).toBe(`✅ <@${MODERATOR_ID}> blocked +1 631-555-1002 · reason: "spam links"`);
    });

    it("posts an unblock", async () => {
      const { audit } = await auditOf("unblock +1 631 555 1002", ["unblocked", "+1 631-555-1002"]);
      expect(audit.body.text).toBe(`✅ <@${MODERATOR_ID}> unblocked +1 631-555-1002`);
    });

    it("posts a report with the message id", async () => {
      const inbound = await writes("+16315551001", "threatening words");
      const { audit } = await auditOf(`report +1 631 555 1001 ${inbound.messageId} threats`, [
        "reported",
        inbound.messageId,
      ]);
      expect(audit.body.text).toBe(
        `✅ <@${MODERATOR_ID}> reported +1 631-555-1001 · reason: "threats" · message id: ${inbound.messageId}`,
      );
      expect(app.sandbox.state.reports.at(-1)).toMatchObject({
        waId: "16315551001",
        messageIds: [inbound.messageId],
      });
    });

    it("posts a block WhatsApp refused for the 24-hour rule, with its code", async () => {
      const { answer, audit } = await auditOf("block +1 631 555 1004 late spam", [
        "tried to block",
        "+1 631-555-1004",
      ]);
      expect(answer).toMatch(/not engaged/i);
      expect(audit.body.text).toContain(`⛔ <@${MODERATOR_ID}> tried to block +1 631-555-1004`);
      expect(audit.body.text).toContain("refused");
      expect(audit.body.text).toContain("WhatsApp 2048");
      expect(audit.body.text).toContain('reason: "late spam"');
      expect(app.sandbox.state.blocklist).not.toContain("16315551004");
    });
  });

  describe("/wa-check history", () => {
    it("shows the trail newest first, when the contact last wrote and the cached check", async () => {
      const check = await app.command("+1 631 555 1003");
      await app.finalAnswer(check.path);
      const inbound = await writes("+16315551003", "hello again");
      await auditOf("block +1 631 555 1003 rude", ["blocked", "+1 631-555-1003"]);
      await auditOf("unblock +1 631 555 1003", ["unblocked", "+1 631-555-1003"]);

      const { path } = await app.command("history +1 631 555 1003");
      const history = await app.finalAnswer(path);
      const unblockAt = history.search(/\*unblock\* by/);
      const blockAt = history.search(/\*block\* by/);
      expect(unblockAt).toBeGreaterThan(-1);
      expect(blockAt).toBeGreaterThan(unblockAt);
      expect(history).toContain("why: rude");
      expect(history).toContain(`<@${MODERATOR_ID}>`);
      const wroteAt = `${new Date(inbound.timestamp * 1000).toISOString().slice(0, 16).replace("T", " ")} UTC`;
      expect(history).toContain(`Last wrote`);
      expect(history).toContain(wroteAt);
      expect(history).toContain(inbound.messageId);
      expect(history).toContain("Last check: *valid*, wa_id `16315551003`");
    });
  });
});
