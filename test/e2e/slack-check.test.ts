import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contactLookups, type E2EApp, startE2EApp } from "./harness.js";

/** `/wa-check help` and `/wa-check <numbers>`, against the built-in sandbox with its default seed. */

describe("/wa-check help and number checks, end to end", () => {
  let app: E2EApp;

  beforeAll(async () => {
    app = await startE2EApp();
  });
  afterAll(async () => {
    await app.close();
  });

  describe("help", () => {
    it.each(["help", ""])(
      "answers %j with the usage in the acknowledgement, calling nothing",
      async (text) => {
        const lookups = contactLookups(app.sandbox);
        const { status, ackText } = await app.command(text);
        expect(status).toBe(200);
        for (const form of [
          "/wa-check block",
          "/wa-check unblock",
          "/wa-check report",
          "/wa-check blocklist",
        ]) {
          expect(ackText).toContain(form);
        }
        expect(contactLookups(app.sandbox)).toBe(lookups);
      },
    );
  });

  describe("one number", () => {
    it("acknowledges with a progress note, re-polls a number WhatsApp is still processing, then answers its final status", async () => {
      const lookups = contactLookups(app.sandbox);
      const { status, ackText, path } = await app.command("+1 631 555 1001");
      expect(status).toBe(200);
      expect(ackText).toContain("Checking 1 number");

      const answer = await app.finalAnswer(path);
      expect(answer).toContain("+1 631-555-1001");
      expect(answer).toContain("*valid*: has a WhatsApp account");
      expect(answer).toContain("wa_id `16315551001`");
      expect(answer).toContain("fresh");
      // The sandbox answers a never-seen number "processing" once: a first look-up, then one re-poll.
      expect(contactLookups(app.sandbox) - lookups).toBe(2);
      expect(app.sandbox.state.lookupCache.get("16315551001")?.status).toBe("valid");
      // The moderator never sees the intermediate "processing" as an answer.
      expect(app.answers(path).join("\n")).not.toContain("still being processed");
    });

    it("warns that the country was implied for a number typed without +", async () => {
      const { path } = await app.command("6315551002");
      const answer = await app.finalAnswer(path);
      expect(answer).toContain("`6315551002` → *+1 631-555-1002* (+16315551002)");
      expect(answer).toMatch(/:warning: no country code typed: read as .*the business number's country/);
      expect(answer).toContain("*valid*");
    });

    it("answers a second check of the same number from the cache, saying so, without asking WhatsApp", async () => {
      const first = await app.command("+1 631 555 1003");
      expect(await app.finalAnswer(first.path)).toContain("fresh");
      const lookups = contactLookups(app.sandbox);

      const second = await app.command("+1 631 555 1003");
      const answer = await app.finalAnswer(second.path);
      expect(answer).toMatch(/\*valid\*.*cached just now/);
      expect(answer).toContain("Every answer came from the cache: no look-up spent.");
      expect(contactLookups(app.sandbox)).toBe(lookups);
    });

    it("with --force skips both caches: the sandbox receives force_check and looks the number up again", async () => {
      const first = await app.command("+1 631 555 1005");
      expect(await app.finalAnswer(first.path)).toContain("fresh");
      expect(app.sandbox.state.lookupCache.get("16315551005")?.status).toBe("valid");
      const lookups = contactLookups(app.sandbox);

      const forced = await app.command("+1 631 555 1005 --force");
      const answer = await app.finalAnswer(forced.path);
      expect(answer).toContain("wa_id `16315551005` · fresh");
      expect(answer).not.toMatch(/· cached/);
      expect(answer).toMatch(/Uncached checks today: \d+ of 200/);
      // Without force_check the sandbox answers a number it looked up from its own cache, in one call; with it,
      // the look-up starts over and answers "processing" first, so the app had to re-poll.
      expect(contactLookups(app.sandbox) - lookups).toBe(2);
    });
  });

  describe("several numbers in one command", () => {
    it("checks numbers separated by commas, semicolons and new lines, one row each", async () => {
      const { status, ackText, path } = await app.command(
        "+91 98765 00101, +54 9 11 5612-1008; +1 631 555 1004\n+1 631 555 9999",
      );
      expect(status).toBe(200);
      expect(ackText).toContain("Checking 4 numbers");
      const answer = await app.finalAnswer(path);
      expect(answer).toContain("*Checked 4 numbers*: 3 valid, 1 invalid.");
      expect(answer).toContain("+919876500101");
      expect(answer).toContain("+5491156121008");
      expect(answer).toContain("+16315551004");
      expect(answer).toMatch(/\+16315559999\)\n\*invalid\*: no WhatsApp account/);
    });

    it("reports an input that is not a number in its row and still checks the others", async () => {
      const { path } = await app.command("+1 631 555 1039; call me maybe; +91 98765 00102");
      const answer = await app.finalAnswer(path);
      expect(answer).toContain("*Checked 3 numbers*: 2 valid, 1 unparseable.");
      expect(answer).toMatch(/`call me maybe`\n\*not a number\*/);
      expect(answer).toMatch(/\(\+16315551039\)\n\*valid\*/);
      expect(answer).toMatch(/\(\+919876500102\)\n\*valid\*/);
    });
  });
});
