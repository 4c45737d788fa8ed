import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2EApp, startE2EApp } from "./harness.js";

describe("the app as npm start runs it", () => {
  let app: E2EApp;
  beforeAll(async () => {
    app = await startE2EApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it("answers /wa-check help in the acknowledgement itself", async () => {
    const { status, ackText } = await app.command("help");
    expect(status).toBe(200);
    expect(ackText).toContain("/wa-check block");
  });

  it("checks a number of the sandbox through response_url", async () => {
    const { status, path } = await app.command("+1 631 555 1001");
    expect(status).toBe(200);
    expect(await app.finalAnswer(path)).toContain("+1 631-555-1001");
  });

  it("is healthy", async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
  });
});
