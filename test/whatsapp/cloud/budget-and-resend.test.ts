import { afterEach, describe, expect, it, vi } from "vitest";
import {
  WhatsAppApiError,
  WhatsAppConnectionError,
  WhatsAppTimeoutError,
} from "../../../src/whatsapp/errors.js";
import {
  closeHarnesses,
  fixtureText,
  graphError,
  harness,
  JSON_HEADERS,
  networkError,
  USERS_PATH,
} from "./fake-graph.js";

afterEach(async () => {
  vi.useRealTimers();
  await closeHarnesses();
});

const USER = "+16505551234";
const FAILED_USER = "+14155559876";
const POST = { path: USERS_PATH, method: "POST" } as const;
const ADDED = fixtureText("openapi-v23-block-response-200.json");

describe("the Cloud client's budget and resends", () => {
  describe("Retry-After and the budget", () => {
    it("waits as long as Retry-After says when that fits the budget", async () => {
      const { server, client, waits } = harness();
      server
        .intercept(POST)
        .reply(429, graphError(130429, "Rate limit hit"), { headers: { "retry-after": "1" } });
      server.intercept(POST).reply(200, ADDED, JSON_HEADERS);

      await client.block({ e164: USER });

      expect(waits).toEqual([1_000]);
    });

    it("gives up at once when Retry-After reaches past the budget", async () => {
      const { server, client, waits, requests } = harness({ budgetMs: 13_000 });
      server
        .intercept(POST)
        .reply(429, graphError(130429, "Rate limit hit"), { headers: { "retry-after": "30" } })
        .persist();

      const started = performance.now();
      const error = await client.block({ e164: USER }).catch((caught: unknown) => caught);

      expect(error).toMatchObject({ waCode: 130429, retryAfter: 30 });
      expect(waits).toEqual([]);
      expect(requests()).toHaveLength(1);
      expect(performance.now() - started).toBeLessThan(500);
    });

    it("answers within a small budget when Graph hangs, saying Graph did not answer", async () => {
      const { server, client, requests } = harness({ budgetMs: 300, timeoutMs: 10_000, sleep: undefined });
      server.intercept(POST).reply(200, ADDED, JSON_HEADERS).delay(5_000).persist();

      const started = performance.now();
      const error = await client.block({ e164: USER }).catch((caught: unknown) => caught);
      const took = performance.now() - started;

      expect(error).toBeInstanceOf(WhatsAppTimeoutError);
      expect((error as Error).message).toMatch(/did not answer within 300 ms, retries included/);
      expect(took).toBeGreaterThanOrEqual(280);
      expect(took).toBeLessThan(800);
      expect(requests()).toHaveLength(1);
    });

    it("keeps real jittered waits inside the budget", async () => {
      const { server, client } = harness({ budgetMs: 400, random: Math.random, sleep: undefined });
      server
        .intercept(POST)
        .reply(503, graphError(2, "Service temporarily unavailable"), JSON_HEADERS)
        .persist();

      const started = performance.now();
      await expect(client.block({ e164: USER })).rejects.toMatchObject({ waCode: 2 });
      expect(performance.now() - started).toBeLessThan(800);
    });
  });

  describe("an attempt that may have gone through", () => {
    it("retries after a timeout and says the block was resent", async () => {
      const { server, client, requests } = harness({ timeoutMs: 100 });
      server.intercept(POST).reply(200, ADDED, JSON_HEADERS).delay(2_000);
      server.intercept(POST).reply(200, ADDED, JSON_HEADERS);

      await expect(client.block({ e164: USER })).resolves.toEqual({ resent: true });
      expect(requests()).toHaveLength(2);
    });

    it("says so on a final API error after a timeout", async () => {
      const { server, client } = harness({ timeoutMs: 100 });
      server.intercept(POST).reply(200, ADDED, JSON_HEADERS).delay(2_000);
      server
        .intercept(POST)
        .reply(400, fixtureText("meta-docs-block-response-mixed-139100.json"), JSON_HEADERS);

      const error = await client.block({ e164: FAILED_USER }).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(WhatsAppApiError);
      expect(error).toMatchObject({ waCode: 131047, mayHaveGoneThrough: true, fbtraceId: "<FBTRACE_ID>" });
    });

    it("retries a reset connection and says it was resent", async () => {
      const { server, client } = harness();
      server.intercept(POST).replyWithError(networkError("ECONNRESET"));
      server.intercept(POST).reply(200, ADDED, JSON_HEADERS);

      await expect(client.block({ e164: USER })).resolves.toEqual({ resent: true });
    });

    it("does not call a refused connection resent: nothing left", async () => {
      const { server, client } = harness();
      server.intercept(POST).replyWithError(networkError("ECONNREFUSED"));
      server.intercept(POST).reply(200, ADDED, JSON_HEADERS);

      await expect(client.block({ e164: USER })).resolves.toEqual({ resent: false });
    });

    it("fails with a timeout when Graph never answers", async () => {
      const { server, client } = harness({ timeoutMs: 100, budgetMs: 450 });
      server.intercept(POST).reply(200, ADDED, JSON_HEADERS).delay(5_000).persist();

      const error = await client.block({ e164: USER }).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(WhatsAppTimeoutError);
      expect(error).toMatchObject({ neverSent: false });
    });

    it("no longer claims 'never sent' when an earlier attempt may have arrived", async () => {
      const { server, client } = harness({
        retry: { name: "one", retries: 1, baseDelayMs: 0, maxDelayMs: 0 },
      });
      server.intercept(POST).replyWithError(networkError("ECONNRESET"));
      server.intercept(POST).replyWithError(networkError("ECONNREFUSED"));

      const error = await client.block({ e164: USER }).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(WhatsAppConnectionError);
      expect(error).toMatchObject({ neverSent: false });
    });
  });

  describe("the default budget, on a fake clock", () => {
    it("answers within 13 s, retries included, when every attempt hangs past WA_TIMEOUT_MS", async () => {
      vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
      const started = performance.now();
      // The production timeout (WA_TIMEOUT_MS default) and budget; only the clock is fake.
      const { server, client, requests } = harness({
        timeoutMs: 10_000,
        budgetMs: undefined,
        sleep: undefined,
      });
      server
        .intercept({ path: USERS_PATH, method: "POST" })
        .reply(200, ADDED, JSON_HEADERS)
        .delay(60_000)
        .persist();

      const outcome = client.block({ e164: USER }).catch((caught: unknown) => caught);
      await vi.advanceTimersByTimeAsync(12_999);
      let settled = false;
      void outcome.then(() => {
        settled = true;
      });
      await vi.advanceTimersByTimeAsync(0);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      const error = await outcome;

      expect(error).toBeInstanceOf(WhatsAppTimeoutError);
      expect((error as Error).message).toMatch(/within 13 s, retries included/);
      expect(performance.now() - started).toBe(13_000);
      expect(requests()).toHaveLength(2);
    });
  });
});
