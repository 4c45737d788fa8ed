import { describe, expect, it } from "vitest";
import { formatMessageReference } from "../../../src/relay/message-reference.js";
import { findMessageSender } from "../../../src/slack/input/message-sender.js";

const reference = formatMessageReference({ waId: "16315551000", messageId: "ABGGFlA5FpafAgo6EhGh1xQ2exhH" });

const BSUID = "US.13491208655302741918";

describe("findMessageSender", () => {
  it("reads the BSUID of a sender with no number (a Cloud username user) from the metadata", () => {
    const message = {
      metadata: {
        event_type: "whatsapp_inbound_message",
        event_payload: {
          user_id: BSUID,
          message_id: "wamid.HBgLMTY1MDU1NTEyMzQVAgA=",
          timestamp: "1700000000",
        },
      },
    };
    expect(findMessageSender(message)).toEqual({
      bsuid: BSUID,
      messageId: "wamid.HBgLMTY1MDU1NTEyMzQVAgA=",
      source: "metadata",
    });
  });

  it("reads the BSUID from the visible reference when the metadata is gone", () => {
    const text = formatMessageReference({ bsuid: BSUID, messageId: "wamid.HBgLMTY1MDU1NTEyMzQVAgA=" });
    const message = { blocks: [{ type: "context", elements: [{ type: "mrkdwn", text }] }] };
    expect(findMessageSender(message)).toMatchObject({ bsuid: BSUID, source: "text" });
  });

  it("reads the sender and message id from the relay's message metadata", () => {
    const message = {
      ts: "1.2",
      text: "hello",
      metadata: {
        event_type: "whatsapp_inbound_message",
        event_payload: { wa_id: "16315551000", message_id: "ABGGmeta1234567890", timestamp: "1700000000" },
      },
    };
    expect(findMessageSender(message)).toEqual({
      waId: "16315551000",
      messageId: "ABGGmeta1234567890",
      source: "metadata",
    });
  });

  it("prefers the metadata to the visible text", () => {
    const message = {
      metadata: { event_type: "whatsapp_inbound_message", event_payload: { wa_id: "447700900123" } },
      blocks: [{ type: "context", elements: [{ type: "mrkdwn", text: reference }] }],
    };
    expect(findMessageSender(message)).toEqual({ waId: "447700900123", source: "metadata" });
  });

  it("falls back to the reference in a context block when the metadata is gone", () => {
    const message = {
      text: "New WhatsApp message",
      blocks: [
        { type: "section", text: { type: "mrkdwn", text: "*+1 631-555-1000* (Ana): stop it" } },
        { type: "context", elements: [{ type: "mrkdwn", text: reference }] },
      ],
    };
    expect(findMessageSender(message)).toEqual({
      waId: "16315551000",
      messageId: "ABGGFlA5FpafAgo6EhGh1xQ2exhH",
      source: "text",
    });
  });

  it("falls back to the message text", () => {
    expect(findMessageSender({ text: `forwarded: ${reference}` })).toMatchObject({
      waId: "16315551000",
      source: "text",
    });
  });

  it("ignores metadata of another event type", () => {
    const message = {
      metadata: { event_type: "something_else", event_payload: { wa_id: "16315551000" } },
      text: "hi",
    };
    expect(findMessageSender(message)).toBeUndefined();
  });

  it("finds nothing on an ordinary message", () => {
    expect(findMessageSender({ text: "lunch at noon?", blocks: [] })).toBeUndefined();
    expect(findMessageSender(undefined)).toBeUndefined();
  });
});
