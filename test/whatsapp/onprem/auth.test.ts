import { afterEach, describe, expect, it } from "vitest";
import { WhatsAppAuthError } from "../../../src/whatsapp/errors.js";
import {
  BLOCK_PATH,
  closeHarnesses,
  failure,
  harness,
  loginAnswer,
  ok,
  PASSWORD,
  TOKEN,
  USERNAME,
} from "./fake-on-prem.js";

afterEach(closeHarnesses);

const LOGIN_PATH = "/v1/users/login";
const HOUR = 3_600_000;
const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const BASIC = `Basic ${Buffer.from(`${USERNAME}:${PASSWORD}`).toString("base64")}`;

/** A client that logs in with WA_USERNAME/WA_PASSWORD, on a clock the test moves. */
function loggingIn() {
  const clock = { now: T0 };
  const made = harness({ auth: { username: USERNAME, password: PASSWORD }, now: () => clock.now });
  return { ...made, clock, logins: () => made.requests(LOGIN_PATH) };
}

describe("authentication with the On-Premises node", () => {
  describe("with a username and password", () => {
    it("logs in with HTTP Basic, then sends the token as a Bearer on every call", async () => {
      const { server, client, requests, logins } = loggingIn();
      server
        .intercept({ path: LOGIN_PATH, method: "POST" })
        .reply(200, loginAnswer("tok-A", T0 + 7 * 24 * HOUR));
      server.intercept({ path: BLOCK_PATH, method: "POST" }).reply(200, ok()).times(2);

      await client.block({ e164: "+16315551000" });
      await client.block({ e164: "+16315551000" });

      expect(logins().map((login) => login.authorization)).toEqual([BASIC]);
      expect(requests(BLOCK_PATH).map((call) => call.authorization)).toEqual([
        "Bearer tok-A",
        "Bearer tok-A",
      ]);
    });

    it("logs in again shortly before the token expires, not after", async () => {
      const { server, client, requests, logins, clock } = loggingIn();
      server.intercept({ path: LOGIN_PATH, method: "POST" }).reply(200, loginAnswer("tok-A", T0 + HOUR));
      server.intercept({ path: LOGIN_PATH, method: "POST" }).reply(200, loginAnswer("tok-B", T0 + 2 * HOUR));
      server.intercept({ path: BLOCK_PATH, method: "POST" }).reply(200, ok()).times(3);

      await client.block({ e164: "+16315551000" });
      clock.now = T0 + 30 * 60_000;
      await client.block({ e164: "+16315551000" });
      clock.now = T0 + 56 * 60_000; // 4 minutes before expiry
      await client.block({ e164: "+16315551000" });

      expect(logins()).toHaveLength(2);
      expect(requests(BLOCK_PATH).map((call) => call.authorization)).toEqual([
        "Bearer tok-A",
        "Bearer tok-A",
        "Bearer tok-B",
      ]);
    });

    it("shares one login among concurrent callers", async () => {
      const { server, client, requests, logins } = loggingIn();
      server
        .intercept({ path: LOGIN_PATH, method: "POST" })
        .reply(200, loginAnswer("tok-A", T0 + HOUR))
        .delay(50);
      server.intercept({ path: BLOCK_PATH, method: "POST" }).reply(200, ok()).times(5);

      await Promise.all([1, 2, 3, 4, 5].map(() => client.block({ e164: "+16315551000" })));

      expect(logins()).toHaveLength(1);
      expect(requests(BLOCK_PATH)).toHaveLength(5);
    });

    it("retries a login the server was too busy for", async () => {
      const { server, client, logins } = loggingIn();
      server.intercept({ path: LOGIN_PATH, method: "POST" }).reply(503, failure(1011, "Service not ready"));
      server.intercept({ path: LOGIN_PATH, method: "POST" }).reply(200, loginAnswer("tok-A", T0 + HOUR));
      server.intercept({ path: BLOCK_PATH, method: "POST" }).reply(200, ok());

      await expect(client.block({ e164: "+16315551000" })).resolves.toEqual({ resent: false });
      expect(logins()).toHaveLength(2);
    });

    it("says to check WA_USERNAME and WA_PASSWORD when the login is refused, without retrying", async () => {
      const { server, client, logins } = loggingIn();
      server
        .intercept({ path: LOGIN_PATH, method: "POST" })
        .reply(401, failure(1005, "Access denied", "Invalid credentials"))
        .persist();

      const error = await client.block({ e164: "+16315551000" }).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(WhatsAppAuthError);
      expect((error as Error).message).toMatch(/WA_USERNAME and WA_PASSWORD/);
      expect(logins()).toHaveLength(1);
    });

    it("does not blame the credentials when the login is rate limited", async () => {
      const { server, client } = loggingIn();
      server
        .intercept({ path: LOGIN_PATH, method: "POST" })
        .reply(429, failure(1015, "Too many requests"))
        .persist();

      const error = await client.block({ e164: "+16315551000" }).catch((caught: unknown) => caught);

      expect(error).not.toBeInstanceOf(WhatsAppAuthError);
      expect(error).toMatchObject({ code: "wa_api_error", waCode: 1015 });
    });

    describe("when a call is answered 401 (unauthorised)", () => {
      it("logs in once more and replays the call with the new token", async () => {
        const { server, client, requests, logins } = loggingIn();
        server.intercept({ path: LOGIN_PATH, method: "POST" }).reply(200, loginAnswer("tok-A", T0 + HOUR));
        server.intercept({ path: LOGIN_PATH, method: "POST" }).reply(200, loginAnswer("tok-B", T0 + HOUR));
        server.intercept({ path: BLOCK_PATH, method: "POST" }).reply(401, failure(1005, "Access denied"));
        server.intercept({ path: BLOCK_PATH, method: "POST" }).reply(200, ok());

        await expect(client.block({ e164: "+16315551000" })).resolves.toEqual({ resent: false });
        expect(logins()).toHaveLength(2);
        expect(requests(BLOCK_PATH).map((call) => call.authorization)).toEqual([
          "Bearer tok-A",
          "Bearer tok-B",
        ]);
      });

      it("fails with an auth error when the fresh token is refused too", async () => {
        const { server, client, requests, logins } = loggingIn();
        server
          .intercept({ path: LOGIN_PATH, method: "POST" })
          .reply(200, loginAnswer("tok-A", T0 + HOUR))
          .persist();
        server.intercept({ path: BLOCK_PATH, method: "POST" }).reply(401, "").persist();

        const error = await client.block({ e164: "+16315551000" }).catch((caught: unknown) => caught);

        expect(error).toBeInstanceOf(WhatsAppAuthError);
        expect((error as Error).message).toMatch(/WA_USERNAME/);
        expect(logins()).toHaveLength(2);
        expect(requests(BLOCK_PATH)).toHaveLength(2);
      });

      it("logs in again only once when several calls are refused at the same time", async () => {
        const { server, client, logins } = loggingIn();
        server.intercept({ path: LOGIN_PATH, method: "POST" }).reply(200, loginAnswer("tok-A", T0 + HOUR));
        server.intercept({ path: LOGIN_PATH, method: "POST" }).reply(200, loginAnswer("tok-B", T0 + HOUR));
        server.intercept({ path: BLOCK_PATH, method: "POST" }).reply(401, "").times(3);
        server.intercept({ path: BLOCK_PATH, method: "POST" }).reply(200, ok()).times(3);

        await Promise.all([1, 2, 3].map(() => client.block({ e164: "+16315551000" })));

        expect(logins()).toHaveLength(2);
      });
    });
  });

  describe("with a static WA_TOKEN", () => {
    it("never logs in and names WA_TOKEN when the token is refused", async () => {
      const { server, client, requests } = harness({ auth: { token: TOKEN } });
      server
        .intercept({ path: BLOCK_PATH, method: "POST" })
        .reply(401, failure(1005, "Access denied"))
        .persist();

      const error = await client.block({ e164: "+16315551000" }).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(WhatsAppAuthError);
      expect((error as Error).message).toMatch(/WA_TOKEN/);
      expect(requests(LOGIN_PATH)).toHaveLength(0);
      expect(requests(BLOCK_PATH)).toHaveLength(1);
    });
  });

  describe("keeping secrets out of logs and errors", () => {
    /** Every message along the cause chain. */
    function messages(error: unknown): string[] {
      return error instanceof Error ? [error.message, ...messages(error.cause)] : [];
    }

    it("never writes the password, the Basic credentials or any token", async () => {
      const refusedLogin = loggingIn();
      refusedLogin.server
        .intercept({ path: LOGIN_PATH, method: "POST" })
        .reply(401, failure(1005, "Access denied"))
        .persist();
      const sessionFailing = loggingIn();
      sessionFailing.server
        .intercept({ path: LOGIN_PATH, method: "POST" })
        .reply(200, loginAnswer("tok-session-5e1f", T0 + HOUR))
        .persist();
      sessionFailing.server
        .intercept({ path: BLOCK_PATH, method: "POST" })
        .reply(503, failure(1016, "System overloaded"))
        .persist();
      const staticRefused = harness({ auth: { token: TOKEN } });
      staticRefused.server.intercept({ path: BLOCK_PATH, method: "POST" }).reply(401, "").persist();

      const errors = await Promise.all(
        [refusedLogin, sessionFailing, staticRefused].map(({ client }) =>
          client.block({ e164: "+16315551000" }).catch((caught: unknown) => caught),
        ),
      );
      const written = [
        ...refusedLogin.logger.lines,
        ...sessionFailing.logger.lines,
        ...staticRefused.logger.lines,
        ...errors.flatMap(messages),
      ].join("\n");

      expect(errors.every((error) => error instanceof Error)).toBe(true);
      expect(written).toContain(BLOCK_PATH); // the debug lines were written
      for (const secret of [PASSWORD, BASIC.slice("Basic ".length), "tok-session-5e1f", TOKEN]) {
        expect(written).not.toContain(secret);
      }
    });
  });
});
