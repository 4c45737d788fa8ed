import { describe, expect, it } from "vitest";
import { SandboxInputError, startSandbox } from "../../src/sandbox/index.js";
import { startTestSandbox, webhookReceiver } from "./sandbox-harness.js";

describe("setWebhook", () => {
  it("delivers later inbound messages to a webhook set after the sandbox started, with its secret", async () => {
    const sandbox = await startTestSandbox();
    const app = await webhookReceiver();

    sandbox.setWebhook({ url: app.url, secret: "relay-secret" });
    const result = await sandbox.simulateInbound({ from: "+16315551005", text: "hello" });

    expect(result).toMatchObject({ delivered: true, status: 200 });
    expect(app.received).toHaveLength(1);
    expect(app.received[0]?.headers["x-webhook-secret"]).toBe("relay-secret");
  });

  it("sends to the new target only once the target changes", async () => {
    const first = await webhookReceiver();
    const second = await webhookReceiver();
    const sandbox = await startTestSandbox({ webhook: { url: first.url } });

    await sandbox.simulateInbound({ from: "+16315551005" });
    sandbox.setWebhook({ url: second.url });
    await sandbox.simulateInbound({ from: "+16315551005" });

    expect(first.received).toHaveLength(1);
    expect(second.received).toHaveLength(1);
    expect(second.received[0]?.headers).not.toHaveProperty("x-webhook-secret");
  });

  it("stops delivering when set to undefined, still recording the message", async () => {
    const app = await webhookReceiver();
    const sandbox = await startTestSandbox({ webhook: { url: app.url } });

    sandbox.setWebhook(undefined);
    const result = await sandbox.simulateInbound({ from: "+16315551005" });

    expect(result.delivered).toBe(false);
    expect(app.received).toHaveLength(0);
    expect(sandbox.state.messages.at(-1)?.id).toBe(result.messageId);
  });

  it("refuses a URL that is not http(s) and keeps the previous target", async () => {
    const app = await webhookReceiver();
    const sandbox = await startTestSandbox({ webhook: { url: app.url } });

    expect(() => sandbox.setWebhook({ url: "localhost:3000/whatsapp/webhook" })).toThrow(SandboxInputError);
    await sandbox.simulateInbound({ from: "+16315551005" });

    expect(app.received).toHaveLength(1);
  });

  it("is checked the same way at start", async () => {
    await expect(startSandbox({ webhook: { url: "ftp://127.0.0.1/hook" } })).rejects.toThrow(
      /must be an http\(s\) URL/,
    );
  });
});
