import { describe, expect, it } from "vitest";
import { captureLogger } from "../support/capture-logger.js";
import { basicAuth, DAY, errorOf, login, manualClock, request, startTestSandbox } from "./sandbox-harness.js";

const loginPath = "/v1/users/login";

describe("login", () => {
  describe("with the right credentials", () => {
    it("answers a token that expires 7 days later, written like the server writes it", async () => {
      const clock = manualClock(Date.UTC(2025, 0, 15, 12, 0, 0));
      const sandbox = await startTestSandbox({ now: clock.now });
      const response = await request(sandbox, "POST", loginPath, {
        headers: { authorization: basicAuth("admin", sandbox.password) },
      });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        users: [{ token: expect.any(String), expires_after: "2025-01-22 12:00:00+00:00" }],
        meta: { api_status: "stable", version: "v2.41.2" },
      });
    });

    it("gives a token that opens the other endpoints", async () => {
      const sandbox = await startTestSandbox();
      const token = await login(sandbox);
      const response = await request(sandbox, "GET", "/v1/health", { token });
      expect(response.status).toBe(200);
    });
  });

  describe("with wrong credentials", () => {
    it("answers 401 with errors[] and no token", async () => {
      const sandbox = await startTestSandbox({
        credentials: { username: "ops", password: "Right-Passw0rd!" },
      });
      const response = await request(sandbox, "POST", loginPath, {
        headers: { authorization: basicAuth("ops", "wrong") },
      });
      expect(response.status).toBe(401);
      expect(errorOf(response)).toMatchObject({ code: 1005, title: "Access denied" });
      expect(response.body).not.toHaveProperty("users");
    });

    it("answers 401 when no Basic credentials are sent", async () => {
      const sandbox = await startTestSandbox();
      const response = await request(sandbox, "POST", loginPath);
      expect(response.status).toBe(401);
      expect(errorOf(response)?.code).toBe(1005);
    });
  });

  describe("when the server requires a first-login password change", () => {
    it("refuses a login without new_password, saying a password change is required", async () => {
      const sandbox = await startTestSandbox({ requirePasswordChange: true });
      const response = await request(sandbox, "POST", loginPath, {
        headers: { authorization: basicAuth("admin", sandbox.password) },
      });
      expect(response.status).toBe(401);
      expect(errorOf(response)?.title).toMatch(/password change required/i);
    });

    it("refuses a weak new password and keeps the old one", async () => {
      const sandbox = await startTestSandbox({ requirePasswordChange: true });
      const before = sandbox.password;
      const response = await request(sandbox, "POST", loginPath, {
        headers: { authorization: basicAuth("admin", before) },
        body: { new_password: "short" },
      });
      expect(response.status).toBe(400);
      expect(errorOf(response)?.code).toBe(1009);
      expect(sandbox.password).toBe(before);
    });

    it("logs in with a new password, which replaces the old one from then on", async () => {
      const sandbox = await startTestSandbox({ requirePasswordChange: true });
      const oldPassword = sandbox.password;
      const changed = await request(sandbox, "POST", loginPath, {
        headers: { authorization: basicAuth("admin", oldPassword) },
        body: { new_password: "N3w-Passw0rd!" },
      });
      expect(changed.status).toBe(200);
      expect(sandbox.password).toBe("N3w-Passw0rd!");

      const withOld = await request(sandbox, "POST", loginPath, {
        headers: { authorization: basicAuth("admin", oldPassword) },
      });
      expect(withOld.status).toBe(401);
      const withNew = await request(sandbox, "POST", loginPath, {
        headers: { authorization: basicAuth("admin", "N3w-Passw0rd!") },
      });
      expect(withNew.status).toBe(200);
    });
  });
});

describe("bearer tokens", () => {
  it("refuses a call without a token with 401 code 1005", async () => {
    const sandbox = await startTestSandbox();
    const response = await request(sandbox, "GET", "/v1/contacts/blocklist");
    expect(response.status).toBe(401);
    expect(errorOf(response)).toMatchObject({ code: 1005, title: "Access denied" });
  });

  it("refuses a token the server never issued", async () => {
    const sandbox = await startTestSandbox();
    const response = await request(sandbox, "GET", "/v1/contacts/blocklist", { token: "made-up" });
    expect(response.status).toBe(401);
  });

  describe("after expireTokens()", () => {
    it("refuses every issued token until the client logs in again", async () => {
      const sandbox = await startTestSandbox();
      const token = await login(sandbox);
      sandbox.expireTokens();
      const refused = await request(sandbox, "GET", "/v1/health", { token });
      expect(refused.status).toBe(401);
      expect(errorOf(refused)).toMatchObject({ code: 1005, details: "Token expired" });

      const fresh = await login(sandbox);
      expect((await request(sandbox, "GET", "/v1/health", { token: fresh })).status).toBe(200);
    });
  });

  describe("as the clock passes the token lifetime", () => {
    it("accepts the token until expires_after and refuses it from then on", async () => {
      const clock = manualClock();
      const sandbox = await startTestSandbox({ now: clock.now, tokenTtlMs: DAY });
      const token = await login(sandbox);
      clock.advance(DAY - 1);
      expect((await request(sandbox, "GET", "/v1/health", { token })).status).toBe(200);
      clock.advance(1);
      expect((await request(sandbox, "GET", "/v1/health", { token })).status).toBe(401);
    });
  });
});

describe("logging", () => {
  it("never writes the password or a token, even at debug level", async () => {
    const logger = captureLogger();
    const sandbox = await startTestSandbox({ logger });
    const token = await login(sandbox);
    await request(sandbox, "GET", "/v1/health", { token });
    await request(sandbox, "GET", "/v1/nothing-here", { token });
    expect(logger.lines.length).toBeGreaterThan(0);
    const everything = logger.lines.join("\n");
    expect(everything).not.toContain(sandbox.password);
    expect(everything).not.toContain(token);
  });
});
