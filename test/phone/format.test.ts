import { describe, expect, it } from "vitest";
import { formatForPeople } from "../../src/phone/index.js";

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
});
