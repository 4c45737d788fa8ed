import { describe, expect, it } from "vitest";
import { type PhoneWarning, parsePhoneInput } from "../../src/phone/index.js";

const quirk = (input: string): PhoneWarning | undefined =>
  parsePhoneInput(input, "US").warnings.find(
    (w) => w.code !== "invalid_for_country" && w.code !== "country_implied",
  );

describe("WhatsApp's country quirks", () => {
  describe("Argentina: mobiles are +54 9 …", () => {
    it("suggests the 9 for a number typed without it", () => {
      expect(quirk("+54 11 5612-1008")).toEqual({
        code: "ar_mobile_9",
        message:
          "Argentine mobiles are written +54 9 … (without the local 15) and their WhatsApp ids carry the 9: if this is a mobile, it is +54 9 11 5612-1008",
        suggestion: "+5491156121008",
      });
    });

    it("suggests the 9 in place of a local 15", () => {
      const parsed = parsePhoneInput("+54 11 15 5612-1008", "US");
      expect(parsed.e164).toBe("+54111556121008");
      expect(parsed.warnings.map((w) => w.code)).toEqual(["ar_mobile_9"]);
      expect(parsed.warnings[0]?.suggestion).toBe("+5491156121008");
    });

    it("says nothing when the 9 is there", () => {
      expect(parsePhoneInput("+54 9 11 5612-1008", "US").warnings).toEqual([]);
    });
  });

  describe("Mexico: the legacy 1 after +52", () => {
    it("tells that WhatsApp ids often keep the 1, and offers the form with it", () => {
      expect(quirk("+52 55 1234 5678")).toEqual({
        code: "mx_mobile_1",
        message:
          "WhatsApp ids of Mexican mobiles often keep the old 1 after +52 (521…): if this number is not found, try +52 1 55 1234 5678",
        suggestion: "+5215512345678",
      });
    });

    it("keeps a typed +52 1 … as typed and offers today's form", () => {
      const parsed = parsePhoneInput("+52 1 55 1234 5678", "US");
      expect(parsed.e164).toBe("+5215512345678");
      expect(parsed.warnings).toEqual([
        {
          code: "mx_mobile_1",
          message:
            "+52 1 … is the old way to dial a Mexican mobile; WhatsApp ids of Mexican mobiles often keep that 1, but if this one is not found, try +52 55 1234 5678",
          suggestion: "+525512345678",
        },
      ]);
    });
  });

  describe("Brazil: the ninth digit", () => {
    it("offers the form without the 9 for a nine-digit mobile", () => {
      expect(quirk("+55 11 98765-4321")).toEqual({
        code: "br_ninth_digit",
        message:
          "Brazilian mobiles gained a ninth digit (the 9 after the area code), and the WhatsApp id of an account older than that may lack it: if this number is not found, try +55 11 8765-4321",
        suggestion: "+551187654321",
      });
    });

    it("offers the form with the 9 for an eight-digit mobile", () => {
      const parsed = parsePhoneInput("+55 92 8172-3241", "US");
      expect(parsed.e164).toBe("+559281723241");
      expect(parsed.warnings).toEqual([
        {
          code: "br_ninth_digit",
          message:
            "this looks like a Brazilian mobile written without its ninth digit: the number is now +55 92 98172-3241, though the WhatsApp id of an account older than that may still lack the 9",
          suggestion: "+5592981723241",
        },
      ]);
    });

    it("says nothing about a landline", () => {
      expect(parsePhoneInput("+55 11 3234-5678", "US").warnings).toEqual([]);
    });
  });

  it("also applies to numbers read in the business number's country", () => {
    expect(parsePhoneInput("11 98765-4321", "BR").warnings.map((w) => w.code)).toEqual([
      "country_implied",
      "br_ninth_digit",
    ]);
  });
});
