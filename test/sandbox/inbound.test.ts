import { describe, expect, it } from "vitest";
import { SandboxInputError } from "../../src/sandbox/index.js";
import { freePort } from "../support/free-port.js";
import { loggedIn, manualClock, startTestSandbox, webhookReceiver } from "./sandbox-harness.js";

describe("simulateInbound", () => {
  describe("with a webhook and a secret", () => {
    it("POSTs the On-Premises webhook body with X-Webhook-Secret and reports delivery", async () => {
      const webhook = await webhookReceiver();
      const clock = manualClock(Date.UTC(2025, 0, 15, 12, 0, 0));
      const sandbox = await startTestSandbox({
        now: clock.now,
        webhook: { url: webhook.url, secret: "s3cret" },
      });

      const result = await sandbox.simulateInbound({ from: "+16315551005", text: "you will regret this" });

      expect(result).toEqual({
        messageId: expect.any(String),
        timestamp: 1736942400,
        delivered: true,
        status: 200,
      });
      expect(webhook.received).toHaveLength(1);
      expect(webhook.received[0]?.headers["x-webhook-secret"]).toBe("s3cret");
      expect(webhook.received[0]?.headers["content-type"]).toBe("application/json");
      expect(webhook.received[0]?.body).toEqual({
        contacts: [{ profile: { name: "Grace Okafor" }, wa_id: "16315551005" }],
        messages: [
          {
            from: "16315551005",
            id: result.messageId,
            timestamp: "1736942400",
            type: "text",
            text: { body: "you will regret this" },
          },
        ],
      });
    });
  });

  describe("with a webhook and no secret", () => {
    it("sends no X-Webhook-Secret header", async () => {
      const webhook = await webhookReceiver();
      const sandbox = await startTestSandbox({ webhook: { url: webhook.url } });
      await sandbox.simulateInbound({ from: "+16315551005" });
      expect(webhook.received[0]?.headers).not.toHaveProperty("x-webhook-secret");
    });
  });

  describe("for media messages", () => {
    it("sends an object named after the type with an id and mime_type instead of text", async () => {
      const webhook = await webhookReceiver();
      const sandbox = await startTestSandbox({ webhook: { url: webhook.url } });
      await sandbox.simulateInbound({ from: "+16315551005", type: "image", name: "Grace" });
      const body = webhook.received[0]?.body as { messages: Array<Record<string, unknown>> } | undefined;
      const message = body?.messages[0];
      expect(message).toMatchObject({
        type: "image",
        image: { id: expect.any(String), mime_type: "image/jpeg" },
      });
      expect(message).not.toHaveProperty("text");
      expect(webhook.received[0]?.body).toMatchObject({ contacts: [{ profile: { name: "Grace" } }] });
    });
  });

  describe("when the webhook fails", () => {
    it("says it was not delivered, with the status, and still records the message", async () => {
      const webhook = await webhookReceiver(500);
      const sandbox = await startTestSandbox({ webhook: { url: webhook.url } });
      const result = await sandbox.simulateInbound({ from: "+16315551005" });
      expect(result).toMatchObject({ delivered: false, status: 500 });
      expect(sandbox.state.messages.at(-1)?.id).toBe(result.messageId);
    });

    it("says it was not delivered when nothing listens there", async () => {
      const closed = `http://127.0.0.1:${await freePort()}/whatsapp/webhook`;
      const sandbox = await startTestSandbox({ webhook: { url: closed } });
      const result = await sandbox.simulateInbound({ from: "+16315551005" });
      expect(result.delivered).toBe(false);
    });
  });

  describe("without a webhook", () => {
    it("makes the contact engaged so it can be blocked", async () => {
      const clock = manualClock(Date.UTC(2025, 0, 15, 12, 0, 0));
      const { sandbox, call } = await loggedIn({ now: clock.now });
      const result = await sandbox.simulateInbound({ from: "16315551005" });
      expect(result.delivered).toBe(false);
      expect(sandbox.state.engaged.get("16315551005")).toBe(result.timestamp * 1000);
      expect((await call("POST", "/v1/contacts/%2B16315551005/block")).status).toBe(200);
    });
  });

  describe("from a number that is not a WhatsApp user yet", () => {
    it("makes it one, so a check answers valid", async () => {
      const { sandbox, call } = await loggedIn();
      await sandbox.simulateInbound({ from: "+44 7700 900123", name: "New Sender" });
      const response = await call("POST", "/v1/contacts", { blocking: "wait", contacts: ["+447700900123"] });
      expect(response.body).toMatchObject({
        contacts: [{ input: "+447700900123", status: "valid", wa_id: "447700900123" }],
      });
      expect(sandbox.state.users.get("447700900123")).toEqual({ waId: "447700900123", name: "New Sender" });
    });
  });

  it("gives every message a distinct id shaped like the server's", async () => {
    const sandbox = await startTestSandbox();
    const ids = new Set<string>();
    for (let i = 0; i < 50; i += 1)
      ids.add((await sandbox.simulateInbound({ from: "+16315551005" })).messageId);
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^ABGG[A-Za-z0-9]{26}$/);
  });

  it("refuses a sender that is not a phone number", async () => {
    const sandbox = await startTestSandbox();
    await expect(sandbox.simulateInbound({ from: "somebody" })).rejects.toBeInstanceOf(SandboxInputError);
  });
});
