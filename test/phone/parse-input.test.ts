import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CountryCode, InvalidPhoneNumberError, parsePhoneInput } from "../../src/phone/index.js";
import { refusal } from "./refusal.js";

const codes = (input: string, country: CountryCode) =>
  parsePhoneInput(input, country).warnings.map((w) => w.code);

describe("parsePhoneInput", () => {
  describe("the server's phone number translation", () => {
    // Rows of WhatsApp's On-Premises contacts reference (POST /v1/contacts, "phone number translation" for a
    // business number in India, +91), as restated in docs/CONTRACT.md §1.1; "6315551003" and the wa_id of
    // +1 (516) 283-7151 come from the same reference's response example. Only these rows could be found in the
    // stored references.
    const businessInIndia: Array<[input: string, e164: string]> = [
      ["6315551002", "+916315551002"],
      ["6315551003", "+916315551003"],
      ["1-631-555-1002", "+9116315551002"],
      ["+1 (516) 283-7151", "+15162837151"],
      ["+54 9 11 5612-1008", "+5491156121008"],
    ];
    for (const [input, e164] of businessInIndia) {
      it(`reads "${input}" as ${e164} for a business in India`, () => {
        const parsed = parsePhoneInput(input, "IN");
        expect(parsed.e164).toBe(e164);
        expect(parsed.waId).toBe(e164.slice(1));
        expect(parsed.input).toBe(input);
      });
    }

    it("prepends +91 even when the result is not a valid number", () => {
      const parsed = parsePhoneInput("1-631-555-1002", "IN");
      expect(parsed).toMatchObject({
        e164: "+9116315551002",
        valid: false,
        countryImplied: true,
        country: "IN",
      });
    });

    it("gives +1 (516) 283-7151 the wa_id the reference's response shows", () => {
      expect(parsePhoneInput("+1 (516) 283-7151", "IN").waId).toBe("15162837151");
    });

    // The same reference's request example, answered for a business with a +1 number: "16315551000" comes back
    // as wa_id 16315551000, so the leading 1 (the US trunk prefix) is not doubled.
    const businessInTheUs: Array<[input: string, waId: string]> = [
      ["16315551000", "16315551000"],
      ["+1 631 555 1001", "16315551001"],
      ["6315551002", "16315551002"],
      ["+1 (631) 555-1004", "16315551004"],
      ["1-631-555-1005", "16315551005"],
    ];
    for (const [input, waId] of businessInTheUs) {
      it(`reads "${input}" as wa_id ${waId} for a business in the US`, () => {
        expect(parsePhoneInput(input, "US").waId).toBe(waId);
      });
    }

    it("passes on +163155588 (which the server answers 'failed') flagged as not valid", () => {
      const parsed = parsePhoneInput("+163155588", "US");
      expect(parsed.e164).toBe("+163155588");
      expect(parsed.valid).toBe(false);
      expect(codes("+163155588", "US")).toEqual(["invalid_for_country"]);
    });
  });

  describe("when the number is typed with a country code", () => {
    it.each([
      ["+1 (631) 555-1004", "+16315551004"],
      ["+1.631.555.1000", "+16315551000"],
      ["+1 631 555 1000", "+16315551000"],
      ["+1\u00a0631\u00a0555\u00a01000", "+16315551000"],
      ["+1\u202f631\u202f555\u202f1000", "+16315551000"],
      ["001 631 555 1000", "+16315551000"],
      ["tel:+1-631-555-1000", "+16315551000"],
      ["tel:%2B16315551000;ext=12", "+16315551000"],
      ["<tel:+16315551000|+1 631-555-1000>", "+16315551000"],
      ["\u202a+1 (631) 555\u20111000\u202c", "+16315551000"],
    ])("reads %j as %s, whatever the business country", (input, e164) => {
      const parsed = parsePhoneInput(input, "IN");
      expect(parsed.e164).toBe(e164);
      expect(parsed.countryImplied).toBe(false);
      expect(parsed.warnings).toEqual([]);
    });

    it("keeps what was typed, trimmed, as the input", () => {
      expect(parsePhoneInput("  <tel:+16315551000|+1 631-555-1000> ", "IN").input).toBe(
        "<tel:+16315551000|+1 631-555-1000>",
      );
    });

    it("names the number's country when libphonenumber can tell", () => {
      expect(parsePhoneInput("+54 9 11 5612-1008", "IN")).toMatchObject({ country: "AR", valid: true });
    });
  });

  describe("when no country code is typed", () => {
    it("says the business number's country was assumed", () => {
      expect(parsePhoneInput("6315551002", "IN").warnings).toEqual([
        {
          code: "country_implied",
          message: "no country code typed: read as +91 6315551002 (India, the business number's country)",
        },
      ]);
    });

    it("drops the national trunk prefix, and says so", () => {
      const parsed = parsePhoneInput("06315551002", "IN");
      expect(parsed.e164).toBe("+916315551002");
      expect(parsed.warnings[0]?.message).toBe(
        "no country code typed: read as +91 6315551002 (India, the business number's country), without the leading 0 dialled inside the country",
      );
    });

    it("keeps a leading trunk digit when the number is valid with it (Russia's 8 800)", () => {
      expect(parsePhoneInput("800 100-00-00", "RU").e164).toBe("+78001000000");
      expect(parsePhoneInput("8 800 100-00-00", "RU").e164).toBe("+78001000000");
    });

    it("suggests the + reading when the digits are a valid number with it", () => {
      const parsed = parsePhoneInput("1-631-555-1002", "IN");
      expect(parsed.warnings).toContainEqual({
        code: "did_you_mean",
        message: "read as +91 16315551002, which is not a valid number; did you mean +1 631-555-1002?",
        suggestion: "+16315551002",
      });
      expect(parsed.warnings.map((w) => w.code)).toEqual(["country_implied", "did_you_mean"]);
    });

    it("suggests dropping a country code typed twice", () => {
      const meant = parsePhoneInput("916315551002", "IN").warnings.find((w) => w.code === "did_you_mean");
      expect(meant).toEqual({
        code: "did_you_mean",
        message: "read as +91 916315551002, which is not a valid number; did you mean +91 631 555 1002?",
        suggestion: "+916315551002",
      });
    });
  });

  describe("when the result is not a valid number", () => {
    it("names the country it is not valid in", () => {
      expect(parsePhoneInput("+91 16315 551002", "US").warnings).toEqual([
        {
          code: "invalid_for_country",
          message: "+91 16315551002 is not a valid number in its country (India)",
        },
      ]);
    });

    it("names the country code when no single country owns it", () => {
      expect(parsePhoneInput("+1 631 555 88", "US").warnings[0]?.message).toBe(
        "+1 63155588 is not a valid number in any country that uses +1",
      );
    });

    it("suggests libphonenumber's repair of a (0) kept after the country code", () => {
      const parsed = parsePhoneInput("+44 (0)20 7946 0018", "US");
      expect(parsed.e164).toBe("+4402079460018");
      expect(parsed.warnings).toEqual([
        {
          code: "invalid_for_country",
          message:
            "+44 02079460018 is not a valid number in its country (United Kingdom); did you mean +44 20 7946 0018?",
          suggestion: "+442079460018",
        },
      ]);
    });
  });

  describe("refusals", () => {
    it.each([
      ["notanumber", "not_a_number", '"notanumber" is not a phone number: it has letters'],
      ["12", "too_short", '"12" is too short to be a phone number'],
      ["+1 631", "too_short", '"+1 631" is too short to be a phone number'],
      [
        "+12345678901234567890",
        "too_long",
        '"+12345678901234567890" is too long to be a phone number: it has 20 digits, and phone numbers have at most 15',
      ],
      [
        "12345678901234567890",
        "too_long",
        '"12345678901234567890" is too long to be a phone number: it has 20 digits, and phone numbers have at most 15',
      ],
      [
        "12345678901234",
        "too_long",
        '"12345678901234" is too long to be a phone number: with the country code +91 it has 16 digits, and phone numbers have at most 15',
      ],
      [
        "+1 631 55S 1000",
        "letters",
        '"+1 631 55S 1000" has a letter in it ("S"); a phone number is digits only',
      ],
      [
        "+1 631 555 1000 ext 5",
        "letters",
        '"+1 631 555 1000 ext 5" has letters in it ("e", "x", "t"); a phone number is digits only',
      ],
      ["", "empty", "no phone number was typed"],
      ["   ", "empty", "no phone number was typed"],
      ["<tel:|>", "empty", "no phone number was typed"],
      ["---", "not_a_number", '"---" is not a phone number: it has no digits'],
      ["+1 631*555 1000", "not_a_number", '"+1 631*555 1000" is not a phone number: it has "*" in it'],
      [
        "+1 631 555 1000 +1 631 555 1001",
        "not_a_number",
        '"+1 631 555 1000 +1 631 555 1001" is not a phone number: a + can only come first (separate several numbers with commas)',
      ],
      [
        "+999 1234 5678",
        "not_a_number",
        '"+999 1234 5678" is not a phone number: it does not start with a country code',
      ],
    ])("refuses %j (%s)", (input, reason, message) => {
      const error = refusal(() => parsePhoneInput(input, "IN"));
      expect(error.reason).toBe(reason);
      expect(error.message).toBe(message);
      expect(error.code).toBe("invalid_phone");
    });
  });

  // Digits alone, or after + or 00, take a shorter path than text with separators in it; both must agree.
  describe("reading with and without separators", () => {
    const reading = (input: string, country: CountryCode) => {
      try {
        const { e164, waId, valid, countryImplied, warnings } = parsePhoneInput(input, country);
        return {
          e164,
          waId,
          valid,
          countryImplied,
          warnings: warnings.map(({ code, suggestion }) => ({ code, suggestion })),
        };
      } catch (error) {
        if (error instanceof InvalidPhoneNumberError) return { refused: error.reason };
        throw error;
      }
    };
    const typed = fc.record({
      prefix: fc.constantFrom("", "+", "00"),
      digits: fc.stringMatching(/^[0-9]{3,17}$/),
      separators: fc.array(fc.tuple(fc.nat(), fc.constantFrom(" ", "-", ".", "(", ")", "\u00a0")), {
        minLength: 1,
        maxLength: 4,
      }),
      country: fc.constantFrom<CountryCode>("IN", "US", "BR", "DE", "MX"),
    });

    it("reads a number typed with spaces, dashes, dots or brackets as the same digits typed without them", () => {
      fc.assert(
        fc.property(typed, ({ prefix, digits, separators, country }) => {
          let spaced = digits;
          for (const [at, separator] of separators) {
            const cut = 1 + (at % spaced.length);
            spaced = `${spaced.slice(0, cut)}${separator}${spaced.slice(cut)}`;
          }
          expect(reading(`${prefix}${spaced}`, country)).toEqual(reading(`${prefix}${digits}`, country));
        }),
        { numRuns: 500 },
      );
    });
  });
});
