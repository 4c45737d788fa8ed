import { type CountryCode, isSupportedCountry } from "libphonenumber-js/max";

/** For configuration: WA_DEFAULT_COUNTRY must be an upper-case ISO code libphonenumber knows ("IN", "US"). */
export function isSupportedBusinessCountry(code: string): code is CountryCode {
  return isSupportedCountry(code);
}

const REGION_NAMES = new Intl.DisplayNames(["en"], { type: "region" });

/** "India" for "IN"; the code itself if the runtime has no name for it. */
export function countryName(country: CountryCode): string {
  return REGION_NAMES.of(country) ?? country;
}
