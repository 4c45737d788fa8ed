import { type CountryCode, Metadata } from "libphonenumber-js/core";
import maxMetadata from "libphonenumber-js/metadata.max.json";

// libphonenumber-js formats and parses with these Metadata methods, but its typings leave them out; this file is
// the one place that names them, so a library upgrade that changes them breaks here (and in its tests) only.
interface FormatRule {
  pattern(): string;
  leadingDigitsPatterns(): string[];
  internationalFormat(): string;
}

interface NumberingPlanInternals {
  nationalPrefix(): unknown;
  formats(): FormatRule[];
}

interface MetadataInternals {
  selectNumberingPlan(countryOrCallingCode: string): unknown;
  numberingPlan?: NumberingPlanInternals;
}

function numberingPlan(countryOrCallingCode: string): NumberingPlanInternals | undefined {
  const metadata = new Metadata(maxMetadata) as unknown as MetadataInternals;
  metadata.selectNumberingPlan(countryOrCallingCode);
  return metadata.numberingPlan;
}

/** The trunk prefix dialled before national numbers in `country` ("0" in India, "1" in the US), if it has one. */
export function nationalPrefixOf(country: CountryCode): string | undefined {
  const prefix = numberingPlan(country)?.nationalPrefix();
  return typeof prefix === "string" && prefix !== "" ? prefix : undefined;
}

/**
 * The national number grouped by the metadata's own international pattern ("631-555-1000", "9 11 5612-1008").
 * libphonenumber-js's formatInternational turns every separator into a space; people read numbers the way their
 * country writes them. Undefined when no pattern fits (an invalid number).
 */
export function groupInternationally(
  nationalNumber: string,
  countryOrCallingCode: string,
): string | undefined {
  const rule = numberingPlan(countryOrCallingCode)
    ?.formats()
    .find((format) => fits(format, nationalNumber));
  if (!rule) return undefined;
  return nationalNumber.replace(new RegExp(`^(?:${rule.pattern()})$`), rule.internationalFormat());
}

function fits(format: FormatRule, nationalNumber: string): boolean {
  // Like libphonenumber: the last leading-digits pattern is the most precise one.
  const leading = format.leadingDigitsPatterns().at(-1);
  if (leading !== undefined && !new RegExp(`^(?:${leading})`).test(nationalNumber)) return false;
  return new RegExp(`^(?:${format.pattern()})$`).test(nationalNumber);
}
