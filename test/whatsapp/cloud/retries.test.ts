import { afterEach, describe, expect, it } from "vitest";
import { CloudTokenRefusedError } from "../../../src/whatsapp/cloud/index.js";
import { type WhatsAppApiError, WhatsAppAuthError } from "../../../src/whatsapp/errors.js";
import {
  closeHarnesses,
  fixture,
  fixtureText,
  graphError,
  harness,
  JSON_HEADERS,
  mixedWithUserError,
  TOKEN,
  USERS_PATH,
} from "./fake-graph.js";

afterEach(closeHarnesses);

const USER = "+16505551234";
const FAILED_USER = "+14155559876";
const POST = { path: USERS_PATH, method: "POST" } as const;
const ADDED = fixtureText("openapi-v23-block-response-200.json");

describe("the Cloud client's retries", () => {
  it("retries a 130429 rate limit, then succeeds without calling it resent", async () => {
    const { server, client, requests } = harness();
    server.intercept(POST).reply(429, graphError(130429, "Rate limit hit"), JSON_HEADERS);
    server.intercept(POST).reply(200, ADDED, JSON_HEADERS);

    await expect(client.block({ e164: USER })).resolves.toEqual({ resent: false });
    expect(requests()).toHaveLength(2);
  });

  for (const example of ["rate_limit_exceeded", "user_rate_limit", "business_rate_limit"]) {
    it(`retries the spec's ${example} example (HTTP 429)`, async () => {
      const { server, client, requests } = harness();
      const body = fixture("openapi-v23-graph-429-rate-limit-examples.json")[example];
      server.intercept(POST).reply(429, body, JSON_HEADERS);
      server.intercept(POST).reply(200, ADDED, JSON_HEADERS);

      await expect(client.block({ e164: USER })).resolves.toEqual({ resent: false });
      expect(requests()).toHaveLength(2);
    });
  }

  it("retries a transient per-user code (139103) inside a 139100 answer", async () => {
    const { server, client, requests } = harness();
    server.intercept(POST).reply(400, mixedWithUserError(139103, "Internal error"), JSON_HEADERS);
    server.intercept(POST).reply(200, fixtureText("meta-docs-block-response-all-added.json"), JSON_HEADERS);

    await expect(client.block({ e164: FAILED_USER })).resolves.toEqual({ resent: false });
    expect(requests()).toHaveLength(2);
  });

  it("gives up on a rate limit after 1 + 4 attempts with Graph's error", async () => {
    const { server, client, requests } = harness();
    server
      .intercept(POST)
      .reply(429, graphError(4, "Application request limit reached"), JSON_HEADERS)
      .persist();

    await expect(client.block({ e164: USER })).rejects.toMatchObject({ waCode: 4, httpStatus: 429 });
    expect(requests()).toHaveLength(5);
  });

  for (const [code, status] of [
    [100, 400],
    [10, 403],
    [200, 403],
    [131047, 400],
    [139101, 400],
  ] as const) {
    it(`never retries ${code} (HTTP ${status})`, async () => {
      const { server, client, requests } = harness();
      server.intercept(POST).reply(status, graphError(code, "final"), JSON_HEADERS).persist();

      await expect(client.block({ e164: USER })).rejects.toMatchObject({ waCode: code });
      expect(requests()).toHaveLength(1);
    });
  }

  it("does not retry a 139100 whose user failed for good, even under HTTP 500", async () => {
    const { server, client, requests } = harness();
    server
      .intercept(POST)
      .reply(500, fixtureText("meta-docs-block-response-mixed-139100.json"), JSON_HEADERS);

    await expect(client.block({ e164: FAILED_USER })).rejects.toMatchObject({
      waCode: 131047,
      httpStatus: 500,
    });
    expect(requests()).toHaveLength(1);
  });

  it("retries an unknown code under HTTP 503", async () => {
    const { server, client, requests } = harness();
    server.intercept(POST).reply(503, graphError(1, "An unknown error occurred"), JSON_HEADERS);
    server.intercept(POST).reply(200, ADDED, JSON_HEADERS);

    await expect(client.block({ e164: USER })).resolves.toEqual({ resent: false });
    expect(requests()).toHaveLength(2);
  });

  describe("a refused token (190)", () => {
    it("says what to do, never shows the token, and is not retried", async () => {
      const { server, client, requests, logger } = harness();
      // Graph echoes a malformed token in its message.
      server
        .intercept(POST)
        .reply(
          401,
          graphError(190, `Malformed access token ${TOKEN}`, { type: "OAuthException" }),
          JSON_HEADERS,
        )
        .persist();

      const error = await client.block({ e164: USER }).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(CloudTokenRefusedError);
      expect(error).toBeInstanceOf(WhatsAppAuthError);
      expect(error).toMatchObject({ code: "wa_auth", waCode: 190, httpStatus: 401 });
      const { message } = error as Error;
      expect(message).toContain("WA_TOKEN was refused by Graph");
      expect(message).toContain("system-user token with whatsapp_business_messaging");
      expect(message).not.toContain(TOKEN);
      expect(JSON.stringify(error)).not.toContain(TOKEN);
      expect(logger.lines.join("\n")).not.toContain(TOKEN);
      expect(requests()).toHaveLength(1);
    });

    it("keeps the token out of any other Graph error text too", async () => {
      const { server, client } = harness();
      server
        .intercept(POST)
        .reply(
          400,
          graphError(100, `Invalid parameter near ${TOKEN}`, { error_data: { details: TOKEN } }),
          JSON_HEADERS,
        );

      const error = (await client
        .block({ e164: USER })
        .catch((caught: unknown) => caught)) as WhatsAppApiError;

      expect(error).toMatchObject({ waCode: 100 });
      expect(`${error.message} ${error.title} ${error.details}`).not.toContain(TOKEN);
    });
  });
});
