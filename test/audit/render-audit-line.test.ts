import { describe, expect, it } from "vitest";
import { renderAuditLine } from "../../src/audit/render-audit-line.js";
import type { AuditRecord } from "../../src/moderation/types.js";
import { formatForPeople } from "../../src/phone/index.js";

const record: AuditRecord = {
  id: "aud_01",
  at: "2024-06-10T12:00:00.000Z",
  actor: "U024BE7LH",
  action: "block",
  contact: "+16315551234",
  outcome: "ok",
};
const contact = formatForPeople("+16315551234");

describe("renderAuditLine", () => {
  describe("with a successful block", () => {
    it("renders one line and its context in exactly this structure", () => {
      const rendered = renderAuditLine({ ...record, reason: "spam" });
      const line = `✅ <@U024BE7LH> blocked ${contact} · reason: "spam"`;

      expect(rendered.text).toBe(line);
      expect(rendered.blocks).toEqual([
        { type: "section", text: { type: "mrkdwn", text: line } },
        {
          type: "context",
          elements: [
            {
              type: "mrkdwn",
              text: "<!date^1718020800^{date_short_pretty} {time}|2024-06-10T12:00:00.000Z>",
            },
            { type: "mrkdwn", text: "audit id: aud_01" },
          ],
        },
      ]);
    });
  });

  describe("with a report", () => {
    it("names the message id and the block that came with it", () => {
      const rendered = renderAuditLine({
        ...record,
        action: "report",
        alsoBlock: true,
        messageId: "wamid.A1",
      });
      expect(rendered.text).toBe(`✅ <@U024BE7LH> reported and blocked ${contact} · message id: wamid.A1`);
    });
  });

  describe("with a refusal", () => {
    it("says what was tried and the error code", () => {
      const rendered = renderAuditLine({
        ...record,
        action: "unblock",
        outcome: "refused",
        errorCode: "not_moderator",
      });
      expect(rendered.text).toBe(`⛔ <@U024BE7LH> tried to unblock ${contact} · refused (not_moderator)`);
    });

    it("shows an input that never parsed as typed", () => {
      const rendered = renderAuditLine({
        ...record,
        contact: "call me",
        outcome: "refused",
        errorCode: "invalid_phone",
      });
      expect(rendered.text).toBe('⛔ <@U024BE7LH> tried to block "call me" · refused (invalid_phone)');
    });
  });

  describe("with a failure from WhatsApp", () => {
    it("gives the error code, the WhatsApp code and the detail", () => {
      const rendered = renderAuditLine({
        ...record,
        action: "report",
        outcome: "failed",
        errorCode: "not_engaged",
        waCode: 2048,
        messageId: "wamid.A1",
        detail: "WhatsApp error 2048 Not engaged contact",
      });

      expect(rendered.text).toBe(
        `❌ <@U024BE7LH> tried to report ${contact} · failed (not_engaged, WhatsApp 2048) · message id: wamid.A1`,
      );
      const context = rendered.blocks[1] as { elements: Array<{ text: string }> };
      expect(context.elements.map((element) => element.text)).toContain(
        "WhatsApp error 2048 Not engaged contact",
      );
    });
  });

  describe("with Slack control characters in the reason", () => {
    it("escapes them", () => {
      const rendered = renderAuditLine({ ...record, reason: "<!here> scam & threats" });
      expect(rendered.text).toBe(
        `✅ <@U024BE7LH> blocked ${contact} · reason: "&lt;!here&gt; scam &amp; threats"`,
      );
    });
  });
});
