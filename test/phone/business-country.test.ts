import { describe, expect, it } from "vitest";
import { isSupportedBusinessCountry } from "../../src/phone/index.js";

describe("isSupportedBusinessCountry", () => {
  it("accepts ISO country codes libphonenumber knows", () => {
    expect(isSupportedBusinessCountry("IN")).toBe(true);
    expect(isSupportedBusinessCountry("US")).toBe(true);
  });

  it("refuses lower case, unknown codes and calling codes", () => {
    expect(isSupportedBusinessCountry("in")).toBe(false);
    expect(isSupportedBusinessCountry("XX")).toBe(false);
    expect(isSupportedBusinessCountry("91")).toBe(false);
  });
});
