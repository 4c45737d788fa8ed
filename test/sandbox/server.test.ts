import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { formatBanner } from "../../src/sandbox/cli-banner.js";
import { SandboxInputError, SandboxSeedError, startSandbox } from "../../src/sandbox/index.js";
import { errorOf, loggedIn, login, request, startTestSandbox } from "./sandbox-harness.js";

describe("GET /v1/health", () => {
  it("answers the gateway as connected, with meta", async () => {
    const { call } = await loggedIn();
    const response = await call("GET", "/v1/health");
    expect(response.body).toEqual({
      health: { gateway_status: "connected" },
      meta: { api_status: "stable", version: "v2.41.2" },
    });
  });

  it("needs a token, like every other endpoint", async () => {
    const sandbox = await startTestSandbox();
    expect((await request(sandbox, "GET", "/v1/health")).status).toBe(401);
  });
});

describe("requests the server cannot route or read", () => {
  it("answers 404 with errors[] for an unknown endpoint", async () => {
    const { call } = await loggedIn();
    const response = await call("GET", "/v1/contacts/everyone");
    expect(response.status).toBe(404);
    expect(errorOf(response)).toMatchObject({ code: 1006, title: "Resource not found" });
  });

  it("answers 404 for a known path with the wrong method", async () => {
    const { call } = await loggedIn();
    expect((await call("DELETE", "/v1/contacts/blocklist")).status).toBe(404);
  });

  it("answers 400 with code 1000 for a body that is not JSON", async () => {
    const sandbox = await startTestSandbox();
    const token = await login(sandbox);
    const response = await request(sandbox, "POST", "/v1/contacts", { token, rawBody: '{"contacts": [' });
    expect(response.status).toBe(400);
    expect(errorOf(response)).toMatchObject({ code: 1000, details: "Request body is not valid JSON" });
  });
});

describe("seeds", () => {
  it("starts from the demo seed: 45 users, 5 engaged in the last 24 hours, 35 blocked", async () => {
    const now = Date.now();
    const sandbox = await startTestSandbox({ now: () => now });
    const recent = [...sandbox.state.engaged.values()].filter((at) => now - at < 24 * 60 * 60 * 1000);
    expect(sandbox.state.users.size).toBe(45);
    expect(recent).toHaveLength(5);
    expect(sandbox.state.blocklist).toHaveLength(35);
    expect(sandbox.state.businessNumber).toBe("+16315550100");
  });

  it("reads a seed from a JSON file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sandbox-seed-"));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const path = join(dir, "seed.json");
    await writeFile(
      path,
      JSON.stringify({
        businessNumber: "+5491100000000",
        users: [{ wa_id: "5491112345678" }],
        blocklist: [],
      }),
    );
    const sandbox = await startTestSandbox({ seed: path });
    expect(sandbox.state.countryCode).toBe("54");
    expect(sandbox.state.users.has("5491112345678")).toBe(true);
  });

  it("refuses a seed whose engaged contact is not a user, naming the field", async () => {
    const seed = { businessNumber: "+16315550100", users: [], engaged: [{ wa_id: "16315551001" }] };
    await expect(startSandbox({ seed })).rejects.toThrow(SandboxSeedError);
    await expect(startSandbox({ seed })).rejects.toThrow(/engaged\.0\.wa_id/);
  });

  it("refuses a seed file that does not exist", async () => {
    await expect(startSandbox({ seed: "/nonexistent/seed.json" })).rejects.toThrow(SandboxSeedError);
  });
});

describe("options", () => {
  it("refuses an API version that is not one", async () => {
    await expect(startSandbox({ apiVersion: "2.41" })).rejects.toThrow(SandboxInputError);
  });

  it("refuses a negative number of processing rounds", async () => {
    await expect(startSandbox({ processingRounds: -1 })).rejects.toThrow(SandboxInputError);
  });
});

describe("close()", () => {
  it("stops accepting connections", async () => {
    const sandbox = await startSandbox();
    await sandbox.close();
    await expect(fetch(`${sandbox.url}/v1/health`)).rejects.toThrow(TypeError);
  });
});

describe("the npm run sandbox banner", () => {
  it("tells a newcomer the URL, the credentials and how to make a contact write", () => {
    const banner = formatBanner(
      { url: "http://127.0.0.1:9090", username: "admin", password: "pw-1" },
      undefined,
    );
    expect(banner).toContain("WA_API_URL=http://127.0.0.1:9090");
    expect(banner).toContain("WA_USERNAME=admin");
    expect(banner).toContain("WA_PASSWORD=pw-1");
    expect(banner).toContain("curl -s -X POST http://127.0.0.1:9090/sandbox/inbound");
    expect(banner).toContain("SANDBOX_WEBHOOK_URL");
  });
});
