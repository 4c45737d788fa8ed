import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { describe, expect, it, vi } from "vitest";
import { formatForPeople } from "../../src/phone/index.js";

// libphonenumber as it is, counted: formatting a number people see again and again should parse it once.
vi.mock("libphonenumber-js/max", async (importOriginal) => {
  const actual = await importOriginal<typeof import("libphonenumber-js/max")>();
  return { ...actual, parsePhoneNumberFromString: vi.fn(actual.parsePhoneNumberFromString) };
});

describe("formatForPeople", () => {
  it.each([
    ["+16315551000", "+1 631-555-1000"],
    ["16315551000", "+1 631-555-1000"],
    ["+5491156121008", "+54 9 11 5612-1008"],
    ["+919876543210", "+91 98765 43210"],
    ["+447911123456", "+44 7911 123456"],
    ["+5511987654321", "+55 11 98765-4321"],
    ["+80012345678", "+800 1234 5678"],
  ])("writes %s as %s", (number, shown) => {
    expect(formatForPeople(number)).toBe(shown);
  });

  it("keeps the digits after the country code of a number no pattern fits", () => {
    expect(formatForPeople("+9116315551002")).toBe("+91 16315551002");
  });

  it("falls back to +digits when no country code fits", () => {
    expect(formatForPeople("99912345678")).toBe("+99912345678");
  });

  it("gives back what is not a number at all", () => {
    expect(formatForPeople("16315551000@s.whatsapp.net")).toBe("16315551000@s.whatsapp.net");
  });

  describe("when the same numbers come back", () => {
    it("parses a number once however often it is shown", () => {
      const parse = vi.mocked(parsePhoneNumberFromString);
      parse.mockClear();
      const shown = [1, 2, 3].map(() => formatForPeople("+16505551234"));
      expect(shown).toEqual(["+1 650-555-1234", "+1 650-555-1234", "+1 650-555-1234"]);
      expect(parse).toHaveBeenCalledTimes(1);
    });

    it("still tells numbers apart when they alternate", () => {
      const shown = ["+447700900123", "+5491156121009", "+447700900123"].map((number) =>
        formatForPeople(number),
      );
      expect(shown).toEqual(["+44 7700 900123", "+54 9 11 5612-1009", "+44 7700 900123"]);
    });
  });
});
