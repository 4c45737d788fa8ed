import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PrismServer, startPrism } from "../support/prism.js";
import { type E2EApp, startE2EApp } from "./harness.js";

/**
 * The bot on WA_BACKEND=cloud against Meta's own OpenAPI spec served by Prism (test/support/prism.ts), driven by
 * signed Slack requests. Prism answers every call with the spec's example whatever was sent (its blocklist is one
 * row, +1 650-555-1234), and refuses any request that breaks the spec, so each answer below is also a request of
 * ours that Prism found nothing wrong with.
 */

const OPENAPI_NUMBER = "+16505551234";

let prism: PrismServer;
let app: E2EApp;

beforeAll(async () => {
  prism = await startPrism();
  app = await startE2EApp({
    WA_BACKEND: "cloud",
    WA_GRAPH_URL: `${prism.origin}/v23.0`,
    WA_PHONE_NUMBER_ID: "106540352242922",
    WA_TOKEN: "EAAGm0PX4ZCpsBAprismTestToken",
    WA_DEFAULT_COUNTRY: "US",
    WA_APP_SECRET: "prism-app-secret-0123456789",
    WA_VERIFY_TOKEN: "prism-verify-token",
  });
}, 30_000);

afterAll(async () => {
  await app?.close();
  await prism?.close();
});

async function answerTo(text: string): Promise<string> {
  const { status, path } = await app.command(text);
  expect(status).toBe(200);
  return app.finalAnswer(path);
}

describe("the bot against Meta's OpenAPI spec (Prism)", () => {
  it("blocks a number", async () => {
    expect(await answerTo(`block ${OPENAPI_NUMBER} spam`), prism.said()).toContain(
      "Blocked *+1 650-555-1234*",
    );
  });

  it("unblocks a number", async () => {
    expect(await answerTo(`unblock ${OPENAPI_NUMBER}`), prism.said()).toContain(
      "Unblocked *+1 650-555-1234*",
    );
  });

  it("shows a blocklist page with the row Graph answered", async () => {
    const page = await answerTo("blocklist");
    expect(page, prism.said()).toContain("page 1");
    expect(page).toContain("+1 650-555-1234");
  });

  // Last: Prism logs a little after it answers.
  it("left Prism nothing to refuse among the bot's requests", async () => {
    await prism.settle(3);
    const { passed, failed } = prism.validations();
    expect(passed, prism.said()).toBeGreaterThanOrEqual(3);
    expect(failed, prism.said()).toBe(0);
  });
});
