import { describe, expect, it } from "vitest";
import { isMessageId, parseWaCheck } from "../../../src/slack/input/command-grammar.js";
import { CommandUsageError } from "../../../src/slack/input/errors.js";

function invalid(text: string) {
  const parsed = parseWaCheck(text);
  if (parsed.kind !== "invalid") throw new Error(`expected a refusal, got ${parsed.kind}`);
  return parsed.error;
}

describe("parseWaCheck", () => {
  describe("help", () => {
    it.each(["", "   ", "help", "HELP", "help me please"])("shows usage for %j", (text) => {
      expect(parseWaCheck(text)).toEqual({ kind: "help", public: false });
    });

    it("shows usage in the channel with --public", () => {
      expect(parseWaCheck("help --public")).toEqual({ kind: "help", public: true });
    });

    it("shows usage when only flags were typed", () => {
      expect(parseWaCheck("--force").kind).toBe("help");
    });
  });

  describe("checking numbers", () => {
    it("reads one number with spaces and brackets as one input", () => {
      expect(parseWaCheck("+1 (516) 283-7151")).toEqual({
        kind: "check",
        inputs: ["+1 (516) 283-7151"],
        force: false,
        wait: false,
        public: false,
      });
    });

    it("splits on commas, semicolons and new lines", () => {
      const parsed = parseWaCheck("+16315551000, 6315551002;+54 9 11 5612-1008\n+91 63155 51002");
      expect(parsed).toMatchObject({
        kind: "check",
        inputs: ["+16315551000", "6315551002", "+54 9 11 5612-1008", "+91 63155 51002"],
      });
    });

    it("takes --force, --wait and --public anywhere", () => {
      expect(parseWaCheck("--force +16315551000 --wait, +16315551001 --public")).toEqual({
        kind: "check",
        inputs: ["+16315551000", "+16315551001"],
        force: true,
        wait: true,
        public: true,
      });
    });

    it("accepts flags whose dashes the Slack client turned into an em dash", () => {
      expect(parseWaCheck("—force +16315551000")).toMatchObject({ kind: "check", force: true });
    });

    it("refuses an unknown flag, naming it", () => {
      const error = invalid("+16315551000 --fast");
      expect(error).toBeInstanceOf(CommandUsageError);
      expect(error.message).toContain('"--fast" is not an option');
    });

    it("refuses --block on a check: it belongs to report", () => {
      expect(invalid("+16315551000 --block").message).toContain('"--block" only applies to report');
    });
  });

  describe("block", () => {
    it("takes the leading number and the rest as the reason", () => {
      expect(parseWaCheck("block +1 631 555 1000 sends spam")).toEqual({
        kind: "block",
        number: "+1 631 555 1000",
        reason: "sends spam",
        public: false,
      });
    });

    it("keeps a reason that starts with a digit when the number is complete", () => {
      expect(parseWaCheck("block +1 631 555 1000 3 scam links")).toMatchObject({
        number: "+1 631 555 1000",
        reason: "3 scam links",
      });
    });

    describe("with a number typed without +", () => {
      it("ends the number where it stops being valid in the business country", () => {
        expect(parseWaCheck("block 6315551000 3 times", { businessCountry: "US" })).toEqual({
          kind: "block",
          number: "6315551000",
          reason: "3 times",
          public: false,
        });
      });

      it("reads a report's message id and reason after it the same way", () => {
        expect(
          parseWaCheck("report 6315551000 2 scam links --block", { businessCountry: "US" }),
        ).toMatchObject({ kind: "report", number: "6315551000", reason: "2 scam links", block: true });
      });

      it("without the business country, cannot tell and keeps every group of digits in the number", () => {
        expect(parseWaCheck("block 6315551000 3 times")).toMatchObject({
          number: "6315551000 3",
          reason: "times",
        });
      });
    });

    it("has no reason when none was typed", () => {
      expect(parseWaCheck("block +16315551000")).toEqual({
        kind: "block",
        number: "+16315551000",
        public: false,
      });
    });

    it("asks for a number when there is none", () => {
      expect(invalid("block").message).toContain("block needs a phone number first");
    });

    it("passes a word in place of the number on, for the core to explain", () => {
      expect(parseWaCheck("block spammer")).toMatchObject({ kind: "block", number: "spammer" });
    });

    it("passes a reason of any length on: refusing it is the core's, which audits the refusal", () => {
      expect(parseWaCheck(`block +16315551000 ${"x".repeat(70)}`)).toMatchObject({
        kind: "block",
        reason: "x".repeat(70),
      });
    });

    it("accepts a reason of 59 characters", () => {
      expect(parseWaCheck(`block +16315551000 ${"y".repeat(59)}`)).toMatchObject({ kind: "block" });
    });

    it("counts an emoji as one character", () => {
      expect(parseWaCheck(`block +16315551000 ${"😡".repeat(59)}`)).toMatchObject({ kind: "block" });
    });

    it("refuses --force", () => {
      expect(invalid("block +16315551000 --force").message).toContain("only applies to a check of numbers");
    });
  });

  describe("unblock and history", () => {
    it("read one number", () => {
      expect(parseWaCheck("unblock +16315551000")).toEqual({
        kind: "unblock",
        number: "+16315551000",
        public: false,
      });
      expect(parseWaCheck("history +1 631-555-1000 --public")).toEqual({
        kind: "history",
        number: "+1 631-555-1000",
        public: true,
      });
    });

    it("refuse anything after the number rather than guess", () => {
      expect(invalid("unblock +16315551000 sorry").message).toContain('remove "sorry"');
    });
  });

  describe("report", () => {
    it("reads number, message id, --block and reason", () => {
      expect(parseWaCheck("report +16315551000 ABGGFlA5FpafAgo6EhGh1xQ2exhHyc --block threats")).toEqual({
        kind: "report",
        number: "+16315551000",
        messageId: "ABGGFlA5FpafAgo6EhGh1xQ2exhHyc",
        block: true,
        reason: "threats",
        public: false,
      });
    });

    it("reads a wamid. message id", () => {
      expect(parseWaCheck("report +16315551000 wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRB")).toMatchObject({
        messageId: "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRB",
        block: false,
      });
    });

    it("treats a word after the number as the start of the reason", () => {
      const parsed = parseWaCheck("report +16315551000 harassment");
      expect(parsed).toMatchObject({ kind: "report", reason: "harassment" });
      expect(parsed).not.toHaveProperty("messageId");
    });

    it("takes the message id out of the reason", () => {
      const id = "ABGGFlA5FpafAgo6EhGh1xQ2exhHyc";
      expect(parseWaCheck(`report +16315551000 ${id} ${"r".repeat(61)}`)).toMatchObject({
        kind: "report",
        messageId: id,
        reason: "r".repeat(61),
      });
    });
  });

  describe("blocklist", () => {
    it("shows page 1 by default and the page asked for", () => {
      expect(parseWaCheck("blocklist")).toEqual({ kind: "blocklist", page: 1, public: false });
      expect(parseWaCheck("blocklist 3")).toEqual({ kind: "blocklist", page: 3, public: false });
    });

    it.each(["0", "-1", "two", "1.5"])("refuses page %j", (page) => {
      expect(invalid(`blocklist ${page}`).message).toContain("is not a page number");
    });
  });
});

describe("isMessageId", () => {
  it.each([
    "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRB",
    "ABGGFlA5FpafAgo6EhGh1xQ2exhHyc",
    "gBGGFlA5FpafAgkOuJbRq54qwbM",
  ])("accepts %s", (id) => {
    expect(isMessageId(id)).toBe(true);
  });

  it.each(["spam", "antidisestablishmentarianism", "12345678901234567890123", "ABG1"])(
    "rejects %s",
    (word) => {
      expect(isMessageId(word)).toBe(false);
    },
  );
});
