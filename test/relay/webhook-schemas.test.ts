import { describe, expect, it } from "vitest";
import { WebhookPayloadError } from "../../src/relay/errors.js";
import { parseOnPremNotification } from "../../src/relay/webhook-schemas.js";
import { onpremStatusesOnly, onpremText } from "./fixtures.js";

function onpremMessage(message: Record<string, unknown>) {
  return {
    messages: [{ from: "16315551234", id: "ABGGFlA5FpafAgo6", timestamp: "1718000000", ...message }],
  };
}

describe("parseOnPremNotification", () => {
  describe("with an on-prem notification", () => {
    it("normalises a text message with the sender's profile name and a numeric timestamp", () => {
      expect(parseOnPremNotification(onpremText)).toEqual([
        {
          waId: "16315551234",
          messageId: "ABGGFlA5FpafAgo6EhEpjPzjBgUhrXHgA",
          timestamp: 1718000000,
          type: "text",
          text: "Hello, this is Kerry",
          profileName: "Kerry Fisher",
        },
      ]);
    });

    it("returns no messages for a delivery of statuses only", () => {
      expect(parseOnPremNotification(onpremStatusesOnly)).toEqual([]);
    });

    it("keeps the order of the messages and names each sender from its own contact", () => {
      const body = {
        contacts: [
          { profile: { name: "Ann" }, wa_id: "111111111" },
          { profile: { name: "Bob" }, wa_id: "222222222" },
        ],
        messages: [
          {
            from: "222222222",
            id: "m1-000000",
            timestamp: "1718000001",
            type: "text",
            text: { body: "one" },
          },
          {
            from: "111111111",
            id: "m2-000000",
            timestamp: "1718000002",
            type: "text",
            text: { body: "two" },
          },
        ],
      };
      const messages = parseOnPremNotification(body);
      expect(messages.map((message) => [message.messageId, message.profileName])).toEqual([
        ["m1-000000", "Bob"],
        ["m2-000000", "Ann"],
      ]);
    });
  });

  describe("with media and other message types", () => {
    it("notes an image and keeps its caption as the text", () => {
      const [message] = parseOnPremNotification(
        onpremMessage({ type: "image", image: { id: "b1c68f38", mime_type: "image/jpeg", caption: "look" } }),
      );
      expect(message).toMatchObject({ type: "image", text: "look", mediaNote: "📷 image (no preview)" });
    });

    it("names a document's file", () => {
      const [message] = parseOnPremNotification(
        onpremMessage({ type: "document", document: { id: "d1", filename: "invoice.pdf" } }),
      );
      expect(message?.mediaNote).toBe('📄 document "invoice.pdf" (no preview)');
      expect(message?.text).toBeUndefined();
    });

    it("describes a location with its place and coordinates", () => {
      const [message] = parseOnPremNotification(
        onpremMessage({ type: "location", location: { latitude: 38.9, longitude: -77.03, name: "Office" } }),
      );
      expect(message?.mediaNote).toBe("📍 location: Office (38.9, -77.03)");
    });

    it("takes the title of an interactive list reply as the text", () => {
      const [message] = parseOnPremNotification(
        onpremMessage({
          type: "interactive",
          interactive: { type: "list_reply", list_reply: { id: "1", title: "Yes" } },
        }),
      );
      expect(message).toMatchObject({ text: "Yes", mediaNote: "📋 list reply" });
    });

    it("keeps a message of an unknown type with a note of that type", () => {
      const [message] = parseOnPremNotification(onpremMessage({ type: "order", order: { catalog_id: "7" } }));
      expect(message).toMatchObject({ type: "order", mediaNote: "❔ order message (not shown)" });
    });

    it("keeps a message whose media details have an odd shape", () => {
      const [message] = parseOnPremNotification(onpremMessage({ type: "video", video: "not an object" }));
      expect(message?.mediaNote).toBe("🎥 video (no preview)");
    });
  });

  describe("with a body that is not a notification", () => {
    it.each([
      ["an object with none of the expected keys", { hello: "world" }],
      ["an array", [1, 2]],
      ["a message without an id", { messages: [{ from: "1631555", timestamp: "1", type: "text" }] }],
      ["a timestamp that is not unix seconds", onpremMessage({ type: "text", timestamp: "yesterday" })],
      ["a cloud body of another object", { object: "page", entry: [] }],
    ])("refuses %s", (_, body) => {
      expect(() => parseOnPremNotification(body)).toThrow(WebhookPayloadError);
    });
  });
});
