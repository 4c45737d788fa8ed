import { describe, expect, it } from "vitest";
import { WhatsAppAuthError } from "../../../../src/whatsapp/errors.js";
import { DAY, failureOf, HEALTH, LOGIN, MINUTE, manualClock, startContract } from "./contract-harness.js";

const FIRST_PAGE = { kind: "offset", limit: 15, offset: 0 } as const;
const BLOCKLIST_PATH = "/v1/contacts/blocklist?limit=15&offset=0";

describe("logging in to the On-Premises node", () => {
  it("logs in with the username and password once, then reuses the bearer token for every call", async () => {
    const { client, calls } = await startContract();

    await client.ping();
    await client.blocklistPage(FIRST_PAGE);
    await client.ping();

    expect(calls().map((call) => `${call.path} ${call.status}`)).toEqual([
      `${LOGIN} 200`,
      `${HEALTH} 200`,
      `${BLOCKLIST_PATH} 200`,
      `${HEALTH} 200`,
    ]);
  });

  it("never logs the password or a bearer token, even at debug level", async () => {
    const { sandbox, client, logger } = await startContract();

    await client.ping();
    sandbox.expireTokens();
    await client.ping();

    const logged = logger.lines.join("\n");
    expect(logger.lines.length).toBeGreaterThan(0);
    expect(logged).not.toContain(sandbox.password);
    expect(logged).not.toMatch(/(Bearer|Basic) (?!\[redacted\])/);
  });

  describe("with a wrong password", () => {
    it("fails with an auth error naming the settings to check, without the password, after one login", async () => {
      const password = "Wrong-Passw0rd!";
      const { client, calls } = await startContract({
        client: { auth: { username: "admin", password } },
      });

      const error = await failureOf(client.ping());

      expect(error).toBeInstanceOf(WhatsAppAuthError);
      expect((error as Error).message).toMatch(/login failed.*check WA_USERNAME and WA_PASSWORD/);
      expect((error as Error).message).not.toContain(password);
      expect(calls().map((call) => `${call.path} ${call.status}`)).toEqual([`${LOGIN} 401`]);
    });
  });

  describe("with a static token the server never issued", () => {
    it("fails with an auth error naming WA_TOKEN, without logging in", async () => {
      const { client, calls } = await startContract({ client: { auth: { token: "not-a-token" } } });

      const error = await failureOf(client.ping());

      expect(error).toBeInstanceOf(WhatsAppAuthError);
      expect((error as Error).message).toMatch(/WA_TOKEN/);
      expect(calls().map((call) => `${call.path} ${call.status}`)).toEqual([`${HEALTH} 401`]);
    });
  });

  describe("when the server forgets every token (expireTokens)", () => {
    it("answers each of 5 concurrent callers after a single shared login, replaying their calls", async () => {
      const { sandbox, client, calls, statuses } = await startContract();
      await client.ping();
      sandbox.expireTokens();

      await Promise.all(Array.from({ length: 5 }, () => client.blocklistPage(FIRST_PAGE)));

      expect(calls(LOGIN)).toHaveLength(2);
      expect(statuses(BLOCKLIST_PATH).sort()).toEqual([200, 200, 200, 200, 200, 401, 401, 401, 401, 401]);
    });
  });

  describe("when the token's expiry time comes (by the clock)", () => {
    it("logs in again before sending, once for 5 concurrent callers, so no call is refused", async () => {
      const clock = manualClock();
      const { client, calls, statuses } = await startContract({
        sandbox: { now: clock.now, tokenTtlMs: DAY },
      });
      await client.ping();

      clock.advance(DAY - 30 * MINUTE);
      await client.ping();
      const loginsBeforeExpiry = calls(LOGIN).length;
      clock.advance(31 * MINUTE);
      await Promise.all(Array.from({ length: 5 }, () => client.blocklistPage(FIRST_PAGE)));

      expect(loginsBeforeExpiry).toBe(1);
      expect(calls(LOGIN)).toHaveLength(2);
      expect(statuses(BLOCKLIST_PATH)).toEqual([200, 200, 200, 200, 200]);
      expect(calls().filter((call) => call.status === 401)).toEqual([]);
    });
  });
});
