import { afterEach, describe, expect, it } from "vitest";
import { WhatsAppConnectionError, WhatsAppTimeoutError } from "../../../src/whatsapp/errors.js";
import { closeHarnesses, failure, harness, networkError, ok, REPORT_PATH } from "./fake-on-prem.js";

afterEach(closeHarnesses);

describe("reporting a contact, which is not idempotent", () => {
  it("sends only the fields given, with the message id as message_id", async () => {
    const { server, client, requests } = harness();
    server.intercept({ path: REPORT_PATH, method: "POST" }).reply(200, ok()).times(2);

    await client.report("+16315551000", { reason: "spam", block: true, messageId: "wamid.HBgLMTY" });
    await client.report("+16315551000");

    expect(requests(REPORT_PATH).map((request) => request.body)).toEqual([
      { reason: "spam", block: true, message_id: "wamid.HBgLMTY" },
      {},
    ]);
  });

  describe("after a failure that may have reached the server", () => {
    it("is not replayed after a timeout", async () => {
      const { server, client, requests } = harness({ timeoutMs: 100 });
      server.intercept({ path: REPORT_PATH, method: "POST" }).reply(200, ok()).delay(5_000).persist();

      await expect(client.report("+16315551000", { reason: "spam" })).rejects.toBeInstanceOf(
        WhatsAppTimeoutError,
      );
      expect(requests(REPORT_PATH)).toHaveLength(1);
    });

    it("is not replayed after the socket closed (ECONNRESET)", async () => {
      const { server, client, requests } = harness();
      server
        .intercept({ path: REPORT_PATH, method: "POST" })
        .replyWithError(networkError("ECONNRESET"))
        .persist();

      await expect(client.report("+16315551000")).rejects.toBeInstanceOf(WhatsAppConnectionError);
      expect(requests(REPORT_PATH)).toHaveLength(1);
    });

    it("is not replayed after a 500 internal error", async () => {
      const { server, client, requests } = harness();
      server
        .intercept({ path: REPORT_PATH, method: "POST" })
        .reply(500, failure(1014, "Internal error"))
        .persist();

      await expect(client.report("+16315551000")).rejects.toMatchObject({ waCode: 1014 });
      expect(requests(REPORT_PATH)).toHaveLength(1);
    });
  });

  describe("after a failure the server did not act on", () => {
    it("is retried after 429 Too many requests", async () => {
      const { server, client, requests } = harness();
      server.intercept({ path: REPORT_PATH, method: "POST" }).reply(429, failure(1015, "Too many requests"));
      server.intercept({ path: REPORT_PATH, method: "POST" }).reply(200, ok());

      await expect(client.report("+16315551000")).resolves.toBeUndefined();
      expect(requests(REPORT_PATH)).toHaveLength(2);
    });

    it("is retried after 503 overloaded", async () => {
      const { server, client, requests } = harness();
      server.intercept({ path: REPORT_PATH, method: "POST" }).reply(503, failure(1016, "System overloaded"));
      server.intercept({ path: REPORT_PATH, method: "POST" }).reply(200, ok());

      await expect(client.report("+16315551000")).resolves.toBeUndefined();
      expect(requests(REPORT_PATH)).toHaveLength(2);
    });

    it("is retried when the connection was refused (the request never left)", async () => {
      const { server, client, requests } = harness();
      server.intercept({ path: REPORT_PATH, method: "POST" }).replyWithError(networkError("ECONNREFUSED"));
      server.intercept({ path: REPORT_PATH, method: "POST" }).reply(200, ok());

      await expect(client.report("+16315551000")).resolves.toBeUndefined();
      expect(requests(REPORT_PATH)).toHaveLength(2);
    });
  });
});
