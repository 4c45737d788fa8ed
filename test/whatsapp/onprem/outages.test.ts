import { performance } from "node:perf_hooks";
import { afterEach, describe, expect, it } from "vitest";
import {
  WhatsAppApiError,
  WhatsAppBadResponseError,
  WhatsAppConnectionError,
  WhatsAppTimeoutError,
  WhatsAppTlsError,
} from "../../../src/whatsapp/errors.js";
import { BLOCK_PATH, closeHarnesses, failure, harness, networkError, ok } from "./fake-on-prem.js";

afterEach(closeHarnesses);

describe("the On-Premises client when WhatsApp misbehaves", () => {
  describe("in a temporary outage (503 then 200)", () => {
    it("retries and the block succeeds", async () => {
      const { server, client, requests } = harness();
      server.intercept({ path: BLOCK_PATH, method: "POST" }).reply(503, failure(1016, "System overloaded"));
      server.intercept({ path: BLOCK_PATH, method: "POST" }).reply(200, ok());

      await expect(client.block({ e164: "+16315551000" })).resolves.toEqual({ resent: false });
      expect(requests(BLOCK_PATH)).toHaveLength(2);
    });
  });

  describe("in a permanent outage (503 forever)", () => {
    it("gives up after the policy's 1 + 4 attempts with WhatsApp's error, quickly", async () => {
      const { server, client, requests } = harness();
      server
        .intercept({ path: BLOCK_PATH, method: "POST" })
        .reply(503, failure(1016, "System overloaded"))
        .persist();

      const started = performance.now();
      const error = await client.block({ e164: "+16315551000" }).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(WhatsAppApiError);
      expect(error).toMatchObject({ waCode: 1016, httpStatus: 503 });
      expect(requests(BLOCK_PATH)).toHaveLength(5);
      expect(performance.now() - started).toBeLessThan(500);
    });
  });

  describe("when the server is too slow to answer", () => {
    it("fails with a timeout that says WhatsApp did not answer, within the deadline", async () => {
      const { server, client, requests } = harness({ timeoutMs: 100, deadlineMs: 350 });
      server.intercept({ path: BLOCK_PATH, method: "POST" }).reply(200, ok()).delay(5_000).persist();

      const started = performance.now();
      const error = await client.block({ e164: "+16315551000" }).catch((caught: unknown) => caught);
      const took = performance.now() - started;

      expect(error).toBeInstanceOf(WhatsAppTimeoutError);
      expect((error as Error).message).toMatch(/did not answer/);
      expect(took).toBeGreaterThanOrEqual(300);
      expect(took).toBeLessThan(600);
      expect(requests(BLOCK_PATH).length).toBeGreaterThanOrEqual(2);
    });

    it("answers within the deadline even when one attempt may take longer", async () => {
      const { server, client } = harness({ timeoutMs: 10_000, deadlineMs: 200 });
      server.intercept({ path: BLOCK_PATH, method: "POST" }).reply(200, ok()).delay(5_000).persist();

      const started = performance.now();
      await expect(client.block({ e164: "+16315551000" })).rejects.toThrow(/did not answer within 200 ms/);
      expect(performance.now() - started).toBeLessThan(450);
    });
  });

  describe("on a bad request", () => {
    it("does not retry 1009 Parameter value is not valid", async () => {
      const { server, client, requests } = harness();
      server
        .intercept({ path: BLOCK_PATH, method: "POST" })
        .reply(400, failure(1009, "Parameter value is not valid", "reason is too long"))
        .persist();

      await expect(client.block({ e164: "+16315551000" }, "x".repeat(80))).rejects.toMatchObject({
        code: "wa_api_error",
        waCode: 1009,
        title: "Parameter value is not valid",
        details: "reason is too long",
        httpStatus: 400,
      });
      expect(requests(BLOCK_PATH)).toHaveLength(1);
    });

    it("does not retry 2048 Not engaged contact", async () => {
      const { server, client, requests } = harness();
      server
        .intercept({ path: BLOCK_PATH, method: "POST" })
        .reply(400, failure(2048, "Not engaged contact"))
        .persist();

      await expect(client.block({ e164: "+16315551000" })).rejects.toMatchObject({ waCode: 2048 });
      expect(requests(BLOCK_PATH)).toHaveLength(1);
    });
  });

  describe("when errors[] comes with HTTP 200", () => {
    it("treats the answer as a failure", async () => {
      const { server, client } = harness();
      server.intercept({ path: BLOCK_PATH, method: "POST" }).reply(200, failure(1013, "User is not valid"));

      await expect(client.block({ e164: "+16315551000" })).rejects.toMatchObject({
        waCode: 1013,
        httpStatus: 200,
      });
    });
  });

  describe("when a proxy answers with an HTML 502 page", () => {
    it("fails with a bad-response error that leaves the page out", async () => {
      const { server, client } = harness();
      server
        .intercept({ path: BLOCK_PATH, method: "POST" })
        .reply(502, "<html><body><h1>502 Bad Gateway</h1></body></html>", {
          headers: { "content-type": "text/html" },
        })
        .persist();

      const error = await client.block({ e164: "+16315551000" }).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(WhatsAppBadResponseError);
      expect(error).toMatchObject({ httpStatus: 502 });
      expect((error as Error).message).not.toMatch(/html/i);
    });
  });

  describe("when the JSON is not the envelope", () => {
    it("fails with a bad-response error naming where", async () => {
      const { server, client } = harness();
      server.intercept({ path: "/v1/contacts", method: "POST" }).reply(200, ok({ contacts: [{ input: 1 }] }));

      await expect(client.checkContacts(["+16315551000"])).rejects.toThrow(
        expect.objectContaining({
          code: "wa_bad_response",
          message: expect.stringMatching(/contacts\.0\.input/),
        }),
      );
    });
  });

  describe("when rate limited (429 with Retry-After)", () => {
    it("waits the seconds the server asks before retrying", async () => {
      const { server, client, requests } = harness({ deadlineMs: 3_000 });
      server
        .intercept({ path: BLOCK_PATH, method: "POST" })
        .reply(429, failure(1015, "Too many requests"), { headers: { "retry-after": "1" } });
      server.intercept({ path: BLOCK_PATH, method: "POST" }).reply(200, ok());

      const started = performance.now();
      await client.block({ e164: "+16315551000" });

      expect(performance.now() - started).toBeGreaterThanOrEqual(990);
      expect(requests(BLOCK_PATH)).toHaveLength(2);
    });

    it("gives up at once with retryAfter when the wait would pass the deadline", async () => {
      const { server, client, requests } = harness({ deadlineMs: 2_000 });
      server
        .intercept({ path: BLOCK_PATH, method: "POST" })
        .reply(429, failure(1015, "Too many requests"), { headers: { "retry-after": "30" } })
        .persist();

      const started = performance.now();
      await expect(client.block({ e164: "+16315551000" })).rejects.toMatchObject({
        waCode: 1015,
        retryAfter: 30,
      });
      expect(performance.now() - started).toBeLessThan(200);
      expect(requests(BLOCK_PATH)).toHaveLength(1);
    });
  });

  describe("when the connection is refused", () => {
    it("retries, then fails with a connection error", async () => {
      const { server, client, requests } = harness();
      server
        .intercept({ path: BLOCK_PATH, method: "POST" })
        .replyWithError(networkError("ECONNREFUSED"))
        .persist();

      const error = await client.block({ e164: "+16315551000" }).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(WhatsAppConnectionError);
      expect((error as Error).message).toMatch(/ECONNREFUSED/);
      expect(requests(BLOCK_PATH)).toHaveLength(5);
    });
  });

  describe("when the server's certificate is not trusted", () => {
    it("fails at once, pointing at WA_CA_FILE", async () => {
      const { server, client, requests } = harness();
      server
        .intercept({ path: BLOCK_PATH, method: "POST" })
        .replyWithError(networkError("DEPTH_ZERO_SELF_SIGNED_CERT"))
        .persist();

      const error = await client.block({ e164: "+16315551000" }).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(WhatsAppTlsError);
      expect((error as Error).message).toMatch(/WA_CA_FILE/);
      expect(requests(BLOCK_PATH)).toHaveLength(1);
    });
  });
});
