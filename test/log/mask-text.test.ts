import { describe, expect, it } from "vitest";
import { redact } from "../../src/log/logger.js";
import { FREE_TEXT_SECRETS } from "./secrets.js";

describe("redact", () => {
  it.each(FREE_TEXT_SECRETS)("masks %s", (_, text, secret) => {
    const masked = redact(text);
    expect(masked).not.toContain(secret);
    expect(masked).toContain("[redacted]");
  });

  it("masks a token that starts a line of a stack", () => {
    expect(redact("Error: slack refused\nxoxb-1111-2222-abc\n    at x")).toBe(
      "Error: slack refused\nxox-[redacted]\n    at x",
    );
  });

  describe("leaves ordinary words alone", () => {
    it.each([
      // What bolt-app.ts throws when Slack refuses the bot token: the key=value pattern ate "An".
      [
        "a sentence after a setting's name",
        "Slack refused SLACK_BOT_TOKEN: An API error occurred: invalid_auth",
      ],
      ["a sentence after a key and a colon", "could not refresh the token: An error occurred"],
      ["a word after the word basic", "falls back to basic auth. An error occurred"],
      ["a word after Basic", 'the signing secret from "Basic Information"'],
      ["a sentence on the next line", "Bearer\nAn error occurred"],
      ["a phone number and a reason", "blocked +16315551001 (reason: spam)"],
      ["a header that names a scheme", "Authorization: Bearer <token> is required"],
      ["a word in mixed case after a key", "WA_TOKEN: WhatsApp refused it (HTTP 401)"],
      ["a hyphenated word after a key", "the session token: re-login needed"],
    ])("%s", (_, text) => {
      expect(redact(text)).toBe(text);
    });
  });
});
