import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2EApp, startE2EApp } from "./harness.js";

/**
 * docs/CONTRACT.md §7: one moderator action gets its final answer within 15 s even when WhatsApp hangs, and says
 * so.
 */
describe("when WhatsApp hangs", () => {
  let app: E2EApp;
  beforeAll(async () => {
    // A short per-request timeout keeps the test quick; the operation deadline bounds retries either way.
    app = await startE2EApp({ WA_TIMEOUT_MS: "300" });
  });
  afterAll(async () => {
    await app.close();
  });

  it("a block is answered within 15 s, saying plainly that WhatsApp did not answer", async () => {
    app.sandbox.faults.next({ kind: "hang" }, 20);
    const started = Date.now();
    const { status, path } = await app.command("block +16315551001 spam");
    expect(status).toBe(200);
    const answer = await app.finalAnswer(path, 15_000);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(answer).toMatch(/WhatsApp did not answer/i);
    app.sandbox.faults.clear();
  });
});
