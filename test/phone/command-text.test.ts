import { describe, expect, it } from "vitest";
import { splitPhoneList, takeLeadingPhone } from "../../src/phone/index.js";

describe("splitPhoneList", () => {
  it("splits on commas, semicolons and new lines, trimming and dropping empties", () => {
    expect(splitPhoneList(" +1 631 555 1000, 6315551002;\n\n+44 7911 123456 ,, ;\r\n")).toEqual([
      "+1 631 555 1000",
      "6315551002",
      "+44 7911 123456",
    ]);
  });

  it("keeps Slack's tel links whole, even with a ; inside", () => {
    expect(
      splitPhoneList("<tel:+16315551000;ext=1|+1 631-555-1000>, <tel:+16315551001|+1 631-555-1001>"),
    ).toEqual(["<tel:+16315551000;ext=1|+1 631-555-1000>", "<tel:+16315551001|+1 631-555-1001>"]);
  });

  it("gives nothing for blank text", () => {
    expect(splitPhoneList(" , ;\n")).toEqual([]);
  });
});

describe("takeLeadingPhone", () => {
  it("takes the leading run of phone characters as the number and the rest as the reason", () => {
    expect(takeLeadingPhone("+1 (631) 555-1000 spam links")).toEqual({
      phone: "+1 (631) 555-1000",
      rest: "spam links",
    });
  });

  it("takes a leading Slack tel link as the number", () => {
    expect(takeLeadingPhone("<tel:+16315551000|+1 631-555-1000> spam bot")).toEqual({
      phone: "<tel:+16315551000|+1 631-555-1000>",
      rest: "spam bot",
    });
  });

  it("takes non-breaking spaces as part of the number", () => {
    expect(takeLeadingPhone("+1\u00a0631\u00a0555\u00a01000 spam")).toEqual({
      phone: "+1\u00a0631\u00a0555\u00a01000",
      rest: "spam",
    });
  });

  it("gives the whole text when there is no reason", () => {
    expect(takeLeadingPhone("  +1 631 555 1000  ")).toEqual({ phone: "+1 631 555 1000", rest: "" });
  });

  describe("when the reason starts with digits", () => {
    it("leaves a word that starts with digits to the reason", () => {
      expect(takeLeadingPhone("+1 631 555 1000 2nd offence")).toEqual({
        phone: "+1 631 555 1000",
        rest: "2nd offence",
      });
      expect(takeLeadingPhone("6315551000 2nd offence")).toEqual({
        phone: "6315551000",
        rest: "2nd offence",
      });
    });

    it("leaves a separate number to the reason when the number before it is valid on its own", () => {
      expect(takeLeadingPhone("+1 631 555 1000 3 times")).toEqual({
        phone: "+1 631 555 1000",
        rest: "3 times",
      });
    });

    it("does the same for a number without + when the business country is given", () => {
      expect(takeLeadingPhone("6315551000 3 times", "IN")).toEqual({ phone: "6315551000", rest: "3 times" });
    });

    it("cannot tell them apart without + and without a business country", () => {
      expect(takeLeadingPhone("6315551000 3 times")).toEqual({ phone: "6315551000 3", rest: "times" });
    });
  });

  describe("when the number is broken", () => {
    it("takes it through the word with the letter, so the parser can point at the letter", () => {
      expect(takeLeadingPhone("+1 631 55S 1000 spam")).toEqual({ phone: "+1 631 55S", rest: "1000 spam" });
    });

    it("keeps an invalid number whole", () => {
      expect(takeLeadingPhone("1-631-555-1002 scam", "IN")).toEqual({
        phone: "1-631-555-1002",
        rest: "scam",
      });
    });

    it("takes the first word when the text does not start with a number", () => {
      expect(takeLeadingPhone("notanumber spam")).toEqual({ phone: "notanumber", rest: "spam" });
    });

    it("gives empty parts for empty text", () => {
      expect(takeLeadingPhone("   ")).toEqual({ phone: "", rest: "" });
    });
  });
});
