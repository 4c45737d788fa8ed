import { describe, expect, it } from "vitest";
import { SANDBOX_CLOUD_TOKEN } from "../../src/sandbox/index.js";
import { blockBody, cloudClient, graphErrorOf, startCloudSandbox } from "./cloud-harness.js";
import { manualClock, request } from "./sandbox-harness.js";

describe("the Cloud shape's Graph errors", () => {
  describe("without the token", () => {
    it("answers 401 with code 190 and changes nothing", async () => {
      const sandbox = await startCloudSandbox();
      const before = [...sandbox.state.blocklist];
      const response = await request(sandbox, "POST", `/v25.0/${sandbox.phoneNumberId}/block_users`, {
        body: blockBody({ user: "+16315551001" }),
      });
      expect(response.status).toBe(401);
      expect(response.body).toEqual({
        error: {
          message: expect.any(String),
          type: "OAuthException",
          code: 190,
          fbtrace_id: expect.any(String),
        },
      });
      expect(response.headers.get("www-authenticate")).toMatch(/^OAuth "Facebook Platform" "invalid_token"/);
      expect(sandbox.state.blocklist).toEqual(before);
    });

    it("answers 401 with code 190 for a wrong token", async () => {
      const sandbox = await startCloudSandbox();
      const response = await request(sandbox, "GET", `/v25.0/${sandbox.phoneNumberId}/block_users`, {
        token: "EAAnotTheRightOne",
      });
      expect(response.status).toBe(401);
      expect(graphErrorOf(response)).toMatchObject({
        code: 190,
        message: expect.stringMatching(/Invalid OAuth access token/),
      });
    });
  });

  it("takes the fixed sandbox token by default, and another when given", async () => {
    expect((await startCloudSandbox()).token).toBe(SANDBOX_CLOUD_TOKEN);
    const sandbox = await startCloudSandbox({ token: "EAAcustom" });
    const path = `/v25.0/${sandbox.phoneNumberId}/block_users`;
    expect((await request(sandbox, "GET", path, { token: "EAAcustom" })).status).toBe(200);
    expect((await request(sandbox, "GET", path, { token: SANDBOX_CLOUD_TOKEN })).status).toBe(401);
  });

  it("serves the path with any Graph version, or none", async () => {
    const sandbox = await startCloudSandbox();
    for (const prefix of ["/v23.0", "/v25.0", ""]) {
      const response = await request(
        sandbox,
        "GET",
        `${prefix}/${sandbox.phoneNumberId}/block_users?limit=1`,
        {
          token: sandbox.token,
        },
      );
      expect(response.status).toBe(200);
    }
    expect(sandbox.graphUrl).toBe(`${sandbox.url}/v25.0`);
  });

  it("answers Graph's unknown object (100, subcode 33) for another phone number id", async () => {
    const sandbox = await startCloudSandbox();
    const response = await request(sandbox, "GET", "/v25.0/999999999999999/block_users", {
      token: sandbox.token,
    });
    expect(response.status).toBe(400);
    expect(graphErrorOf(response)).toMatchObject({
      code: 100,
      error_subcode: 33,
      type: "GraphMethodException",
      message: expect.stringMatching(/^Unsupported get request\. Object with ID '999999999999999'/),
    });
  });

  it("answers code 2500 for a path it does not emulate", async () => {
    const { call } = await cloudClient();
    const response = await call("POST", "/messages", { messaging_product: "whatsapp" });
    expect(response.status).toBe(400);
    expect(graphErrorOf(response)).toMatchObject({ code: 2500 });
  });

  describe("rate limit", () => {
    it("answers 429 with Graph code 130429 over the bucket", async () => {
      const clock = manualClock();
      const { call } = await cloudClient({ now: clock.now, rateLimit: { perSecond: 1, burst: 2 } });
      await call("GET", "/block_users?limit=1");
      await call("GET", "/block_users?limit=1");
      const refused = await call("GET", "/block_users?limit=1");
      expect(refused.status).toBe(429);
      expect(graphErrorOf(refused)).toMatchObject({ code: 130429, type: "OAuthException" });
      clock.advance(1000);
      expect((await call("GET", "/block_users?limit=1")).status).toBe(200);
    });
  });

  describe("faults", () => {
    it("answers a 429 fault with a Graph error, code 4 when asked, and Retry-After only when given", async () => {
      const { sandbox, call } = await cloudClient();
      sandbox.faults.next({ kind: "status", status: 429, code: 4 });
      const response = await call("GET", "/block_users");
      expect(response.status).toBe(429);
      expect(graphErrorOf(response)).toMatchObject({
        message: "Application request limit reached",
        code: 4,
        error_subcode: 2446079,
        is_transient: true,
      });
      expect(response.headers.get("retry-after")).toBeNull();
    });

    it("answers a 503 fault with the transient code 2 and blocks nobody", async () => {
      const { sandbox, call } = await cloudClient();
      sandbox.faults.next({ kind: "status", status: 503 });
      const response = await call("POST", "/block_users", blockBody({ user: "+16315551001" }));
      expect(response.status).toBe(503);
      expect(graphErrorOf(response)).toMatchObject({ code: 2, is_transient: true });
      expect(sandbox.state.blocklist).not.toContain("16315551001");
    });

    it("answers an errors200 fault with a Graph error and HTTP 200", async () => {
      const { sandbox, call } = await cloudClient();
      sandbox.faults.next({ kind: "errors200", code: 139103, title: "(#139103) Internal error" });
      const response = await call("GET", "/block_users");
      expect(response.status).toBe(200);
      expect(graphErrorOf(response)).toMatchObject({ code: 139103, message: "(#139103) Internal error" });
    });

    it("takes faults queued through the control API too", async () => {
      const { sandbox, call } = await cloudClient();
      await request(sandbox, "POST", "/sandbox/faults", { body: { fault: { kind: "html502" } } });
      const response = await call("GET", "/block_users");
      expect(response.status).toBe(502);
      expect(response.headers.get("content-type")).toBe("text/html");
    });
  });
});
