import { describe, expect, it } from "vitest";
import { EMULATOR_APP_SECRET, EMULATOR_SIGNATURES, FIXTURES, fixtureBytes } from "./cloud-fixtures.js";
import { cloudNotification } from "./fixtures.js";
import { APP_SECRET, post, SECRET, settle, sign, start, VERIFY_TOKEN } from "./webhook-harness.js";

/** Written here without the code under test: each UTF-16 unit over 0x7f as a lowercase `\uXXXX`. */
function escapedUnicode(json: string): string {
  return Array.from({ length: json.length }, (_, index) => json.charCodeAt(index))
    .map((unit) => (unit < 0x80 ? String.fromCharCode(unit) : `\\u${unit.toString(16).padStart(4, "0")}`))
    .join("");
}

const nonAsciiBody = JSON.stringify(
  cloudNotification(
    [
      {
        from: "16505551234",
        id: "wamid.UNICODE1",
        timestamp: "1749416383",
        type: "text",
        text: { body: "pâtes 🙂" },
      },
    ],
    [{ profile: { name: "Zoë" }, wa_id: "16505551234" }],
  ),
);

describe("POST /whatsapp/webhook (cloud): the X-Hub-Signature-256 check (docs/CONTRACT.md §1.2)", () => {
  describe("over the raw bytes, as emulators sign", () => {
    it.each([
      ["ASCII", FIXTURES.emulatorAscii, EMULATOR_SIGNATURES.ascii],
      ["non-ASCII", FIXTURES.emulatorNonAscii, EMULATOR_SIGNATURES.nonAscii],
    ])("accepts the emulator's %s body with the signature it sent", async (_, name, signature) => {
      const { url, relayed } = await start({ mode: "cloud", appSecret: EMULATOR_APP_SECRET });

      const response = await post(url, fixtureBytes(name), { "x-hub-signature-256": signature });
      await settle();

      expect(response.status).toBe(200);
      expect(relayed).toEqual([[expect.objectContaining({ waId: "16505551234" })]]);
    });
  });

  describe("over the escaped-unicode form, as Meta says it signs", () => {
    it("accepts a non-ASCII body whose signature is over its escaped form", async () => {
      const escaped = escapedUnicode(nonAsciiBody);
      expect(escaped).toContain("Zo\\u00eb");
      expect(escaped).toContain("p\\u00e2tes \\ud83d\\ude42");
      const { url, relayed } = await start({ mode: "cloud", appSecret: APP_SECRET });

      const response = await post(url, nonAsciiBody, { "x-hub-signature-256": sign(escaped) });
      await settle();

      expect(response.status).toBe(200);
      expect(relayed).toEqual([[expect.objectContaining({ profileName: "Zoë", text: "pâtes 🙂" })]]);
    });

    it("accepts the escaped form sent as the body, and reads its text back", async () => {
      const escaped = escapedUnicode(nonAsciiBody);
      const { url, relayed } = await start({ mode: "cloud", appSecret: APP_SECRET });

      const response = await post(url, escaped, { "x-hub-signature-256": sign(escaped) });
      await settle();

      expect(response.status).toBe(200);
      expect(relayed).toEqual([[expect.objectContaining({ text: "pâtes 🙂" })]]);
    });

    it("accepts a signature written in upper-case hex", async () => {
      const { url } = await start({ mode: "cloud", appSecret: APP_SECRET });
      const signature = `sha256=${sign(nonAsciiBody).slice("sha256=".length).toUpperCase()}`;

      expect((await post(url, nonAsciiBody, { "x-hub-signature-256": signature })).status).toBe(200);
    });
  });

  describe("with a bad signature", () => {
    const escaped = escapedUnicode(nonAsciiBody);
    it.each([
      ["signed with another secret", () => sign(nonAsciiBody, "another-secret")],
      ["escaped and signed with another secret", () => sign(escaped, "another-secret")],
      ["signed over a different body", () => sign(`${nonAsciiBody} `)],
      ["signed over the escaped form in upper-case hex", () => sign(escaped.replace(/\\u00e2/, "\\u00E2"))],
      ["with the signature but no sha256= prefix", () => sign(nonAsciiBody).slice("sha256=".length)],
      ["with a truncated signature", () => sign(nonAsciiBody).slice(0, -2)],
      ["without a signature", () => undefined],
    ])("answers 401 to a delivery %s, and relays and learns nothing", async (_, signature) => {
      const { url, relayed, learned } = await start({ mode: "cloud", appSecret: APP_SECRET });
      const value = signature();

      const response = await post(
        url,
        nonAsciiBody,
        value === undefined ? {} : { "x-hub-signature-256": value },
      );
      await settle();

      expect(response.status).toBe(401);
      expect(relayed).toEqual([]);
      expect(learned).toEqual([]);
    });

    it("does not take the on-prem secret instead of a signature", async () => {
      const { url, relayed } = await start({ mode: "cloud", appSecret: APP_SECRET });

      const response = await post(`${url}?secret=${APP_SECRET}`, nonAsciiBody, {
        "x-webhook-secret": APP_SECRET,
      });

      expect(response.status).toBe(401);
      expect(relayed).toEqual([]);
    });

    it("refuses every delivery when no app secret is configured", async () => {
      const { url } = await start({ mode: "cloud", appSecret: "" });

      expect((await post(url, nonAsciiBody, { "x-hub-signature-256": sign(nonAsciiBody, "") })).status).toBe(
        401,
      );
    });

    it("never writes the app secret or the verify token to the logs", async () => {
      const { url, logger } = await start({
        mode: "cloud",
        appSecret: APP_SECRET,
        verifyToken: VERIFY_TOKEN,
      });
      await post(url, nonAsciiBody, { "x-hub-signature-256": sign(nonAsciiBody) });
      await post(url, nonAsciiBody, { "x-hub-signature-256": sign(nonAsciiBody, SECRET) });
      await fetch(`${url}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}x&hub.challenge=1`);
      await settle();

      expect(logger.lines.length).toBeGreaterThan(0);
      expect(logger.lines.join("\n")).not.toContain(APP_SECRET);
      expect(logger.lines.join("\n")).not.toContain(VERIFY_TOKEN);
    });
  });
});
