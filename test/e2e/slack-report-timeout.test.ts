import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2EApp, startE2EApp } from "./harness.js";

/**
 * A report WhatsApp took but never answered may have gone through, and the client does not send it again; the
 * moderator is told exactly that, rather than "nothing was changed, try again".
 */
describe("a report WhatsApp does not answer, end to end", () => {
  let app: E2EApp;
  beforeAll(async () => {
    // A short per-request timeout keeps the test quick.
    app = await startE2EApp({ WA_TIMEOUT_MS: "300" });
  });
  afterAll(async () => {
    await app.close();
  });

  const reportCalls = () =>
    app.sandbox.state.calls.filter((call) => /^\/v1\/contacts\/[^/]+\/report$/.test(call.path));

  it("is sent once, and the moderator is told it may have gone through and to look before reporting again", async () => {
    // Spare hangs for any other request that comes first; the report itself is never replayed.
    app.sandbox.faults.next({ kind: "hang" }, 3);
    try {
      const { status, path } = await app.command("report +16315551001 threats");
      expect(status).toBe(200);
      const answer = await app.finalAnswer(path);
      expect(answer).toContain("this report *may have gone through*");
      expect(answer).toContain("`/wa-check history <number>` before reporting it again");
      expect(answer).not.toContain("nothing was changed");
      expect(reportCalls()).toHaveLength(1);
      expect(reportCalls()[0]?.fault).toBe("hang");
    } finally {
      app.sandbox.faults.clear();
    }
  });
});
