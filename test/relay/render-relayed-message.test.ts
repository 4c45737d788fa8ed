import { describe, expect, it } from "vitest";
import { SECTION_TEXT_LIMIT } from "../../src/common/mrkdwn.js";
import { formatForPeople } from "../../src/phone/index.js";
import { parseSenderReference } from "../../src/relay/message-reference.js";
import { renderRelayedMessage } from "../../src/relay/render-relayed-message.js";
import type { InboundMessage } from "../../src/relay/types.js";

const base: InboundMessage = {
  waId: "16315551234",
  messageId: "ABGGFlA5FpafAgo6EhEpjPzjBgUhrXHgA",
  timestamp: 1718000000,
  type: "text",
};
const number = formatForPeople("16315551234");

/** The text of the section that carries the message itself. */
function bodyOf(message: InboundMessage): string {
  const blocks = renderRelayedMessage(message).blocks as Array<{ text?: { text: string } }>;
  return blocks[1]?.text?.text ?? "";
}

describe("renderRelayedMessage", () => {
  describe("with a text message from a named contact", () => {
    it("renders sender, text, time and the ids in exactly this structure", () => {
      const rendered = renderRelayedMessage({
        ...base,
        text: "Hello, this is Kerry",
        profileName: "Kerry Fisher",
      });

      expect(rendered.text).toBe(`WhatsApp from Kerry Fisher · ${number}: Hello, this is Kerry`);
      expect(rendered.blocks).toEqual([
        { type: "section", text: { type: "mrkdwn", text: `*Kerry Fisher · ${number}*` } },
        { type: "section", text: { type: "mrkdwn", text: "Hello, this is Kerry" } },
        {
          type: "context",
          elements: [
            {
              type: "mrkdwn",
              text: "<!date^1718000000^{date_short_pretty} {time}|2024-06-10T06:13:20.000Z>",
            },
            {
              type: "plain_text",
              text: "wa_id: 16315551234 · message id: ABGGFlA5FpafAgo6EhEpjPzjBgUhrXHgA",
              emoji: false,
            },
          ],
        },
      ]);
    });

    it("writes the ids so that Report sender can read them back", () => {
      const rendered = renderRelayedMessage({ ...base, text: "hi" });
      const context = rendered.blocks[2] as { elements: Array<{ text: string }> };
      expect(parseSenderReference(context.elements[1]?.text ?? "")).toEqual({
        waId: "16315551234",
        messageId: "ABGGFlA5FpafAgo6EhEpjPzjBgUhrXHgA",
      });
    });
  });

  describe("without a profile name", () => {
    it("names the sender by number only", () => {
      const rendered = renderRelayedMessage({ ...base, text: "hi" });
      expect(rendered.text).toBe(`WhatsApp from ${number}: hi`);
      expect(rendered.blocks[0]).toEqual({ type: "section", text: { type: "mrkdwn", text: `*${number}*` } });
    });
  });

  describe("from a sender WhatsApp gave no number for (docs/CONTRACT.md §5)", () => {
    const bsuidOnly: InboundMessage = {
      bsuid: "US.13491208655302741918",
      username: "@realsheenanelson",
      profileName: "Sheena Nelson",
      messageId: "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
      timestamp: 1749416383,
      type: "text",
      text: "Does it come in another color?",
    };

    it("names the sender by username and BSUID, and writes the BSUID as user_id in the reference", () => {
      const rendered = renderRelayedMessage(bsuidOnly);
      const sender = "Sheena Nelson · @realsheenanelson · US.13491208655302741918";

      expect(rendered.text).toBe(`WhatsApp from ${sender}: Does it come in another color?`);
      expect(rendered.blocks[0]).toEqual({ type: "section", text: { type: "mrkdwn", text: `*${sender}*` } });
      const context = rendered.blocks[2] as { elements: Array<{ text: string }> };
      expect(context.elements[1]?.text).toBe(
        `user_id: US.13491208655302741918 · message id: ${bsuidOnly.messageId}`,
      );
    });

    it("escapes a username so that it can build neither a mention nor a link", () => {
      const rendered = renderRelayedMessage({ ...bsuidOnly, profileName: "", username: "<!here|@x>&" });
      expect(rendered.blocks[0]).toEqual({
        type: "section",
        text: { type: "mrkdwn", text: "*&lt;!here|@x&gt;&amp; · US.13491208655302741918*" },
      });
    });

    it("shows the number, not the BSUID, when both are known, and both ids in the reference", () => {
      const rendered = renderRelayedMessage({
        ...base,
        bsuid: "US.13491208655302741918",
        username: "@kerry",
      });
      const context = rendered.blocks[2] as { elements: Array<{ text: string }> };
      expect(rendered.blocks[0]).toEqual({ type: "section", text: { type: "mrkdwn", text: `*${number}*` } });
      expect(context.elements[1]?.text).toBe(
        `wa_id: 16315551234 · user_id: US.13491208655302741918 · message id: ${base.messageId}`,
      );
    });
  });

  describe("with media", () => {
    it("shows the note, then the caption", () => {
      const message = { ...base, type: "image", text: "look at this", mediaNote: "📷 image (no preview)" };
      expect(bodyOf(message)).toBe("📷 image (no preview)\nlook at this");
      expect(renderRelayedMessage(message).text).toBe(`WhatsApp from ${number}: look at this`);
    });

    it("shows the note alone when there is no caption", () => {
      const message = { ...base, type: "audio", mediaNote: "🎧 audio (no preview)" };
      expect(bodyOf(message)).toBe("🎧 audio (no preview)");
      expect(renderRelayedMessage(message).text).toBe(`WhatsApp from ${number}: 🎧 audio (no preview)`);
    });
  });

  describe("with an empty text", () => {
    it("says the message was empty rather than posting an empty section", () => {
      expect(bodyOf({ ...base, text: "" })).toBe("(empty message)");
    });
  });

  describe("with Slack control characters in what the contact wrote", () => {
    it("escapes &, < and > so mentions and links typed by the contact stay plain text", () => {
      const message = {
        ...base,
        text: "<!channel> Tom & Jerry <@U123> <https://evil.example|bank>",
        profileName: "<b>Eve</b>",
      };
      const escaped = "&lt;!channel&gt; Tom &amp; Jerry &lt;@U123&gt; &lt;https://evil.example|bank&gt;";
      const rendered = renderRelayedMessage(message);

      expect(bodyOf(message)).toBe(escaped);
      expect(rendered.blocks[0]).toEqual({
        type: "section",
        text: { type: "mrkdwn", text: `*&lt;b&gt;Eve&lt;/b&gt; · ${number}*` },
      });
      expect(rendered.text).toBe(`WhatsApp from &lt;b&gt;Eve&lt;/b&gt; · ${number}: ${escaped}`);
    });
  });

  describe("with a text longer than a Slack section takes", () => {
    it("cuts it to the limit and says how many characters were left out", () => {
      const body = bodyOf({ ...base, text: "a".repeat(5000) });
      const match = /^(a+)\n… \(truncated: (\d+) more characters on WhatsApp\)$/.exec(body);

      expect(body.length).toBeLessThanOrEqual(SECTION_TEXT_LIMIT);
      expect(match).not.toBeNull();
      expect((match?.[1]?.length ?? 0) + Number(match?.[2])).toBe(5000);
    });

    it("counts the escaped form and never splits an entity", () => {
      const body = bodyOf({ ...base, text: "&".repeat(2000) });
      const [kept = ""] = body.split("\n…");

      expect(body.length).toBeLessThanOrEqual(SECTION_TEXT_LIMIT);
      expect(kept).toMatch(/^(&amp;)+$/);
      expect(body).toContain(`(truncated: ${2000 - kept.length / 5} more characters on WhatsApp)`);
    });

    it("never splits an emoji", () => {
      const body = bodyOf({ ...base, text: "😀".repeat(2000) });
      const [kept = ""] = body.split("\n…");

      expect(body.length).toBeLessThanOrEqual(SECTION_TEXT_LIMIT);
      expect(kept).toMatch(/^(😀)+$/u);
    });

    it("leaves room for a media note in the same section", () => {
      const body = bodyOf({
        ...base,
        type: "image",
        text: "b".repeat(4000),
        mediaNote: "📷 image (no preview)",
      });

      expect(body.length).toBeLessThanOrEqual(SECTION_TEXT_LIMIT);
      expect(body.startsWith("📷 image (no preview)\nbbb")).toBe(true);
      expect(body).toMatch(/truncated: \d+ more characters on WhatsApp\)$/);
    });

    it("keeps a text of exactly the limit whole", () => {
      expect(bodyOf({ ...base, text: "c".repeat(SECTION_TEXT_LIMIT) })).toBe("c".repeat(SECTION_TEXT_LIMIT));
    });
  });
});
