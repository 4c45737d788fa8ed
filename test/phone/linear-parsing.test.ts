import { beforeAll, describe, expect, it } from "vitest";
import { parsePhoneInput, splitPhoneList, takeLeadingPhone } from "../../src/phone/index.js";
import { parseWaCheck, subcommandOf } from "../../src/slack/input/command-grammar.js";

/**
 * Parsing user text is linear in its length (docs/CONTRACT.md §8): hostile text of the longest length a command may
 * have, and far beyond it, parses in a few milliseconds. (The quadratic reading took about 5 s on 10,000
 * characters of "1 1 1 …".)
 */

function millisecondsFor(work: () => unknown): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

const HOSTILE = [
  ["groups of one digit", (n: number) => "1 ".repeat(n / 2)],
  ["groups after a +", (n: number) => `+${"1 ".repeat(n / 2)}`],
  ["dashes and digits", (n: number) => "1-".repeat(n / 2)],
  ["commas", (n: number) => "1,".repeat(n / 2)],
  ["commas after an open bracket", (n: number) => `<${"1,".repeat(n / 2)}`],
  ["flags", (n: number) => "--a ".repeat(n / 4)],
  ["a tel link that never closes", (n: number) => `<tel:${"1".repeat(n)}`],
] as const;

describe("parsing hostile text takes time linear in its length", () => {
  // The first reading loads libphonenumber's metadata; that is not what is measured.
  beforeAll(() => {
    takeLeadingPhone("+1 631 555 1000 1 1", "US");
    parseWaCheck("block 6315551000 1 1", { businessCountry: "US" });
  });

  it.each(HOSTILE)("takeLeadingPhone on %s", (_what, make) => {
    // Quadratic, 20,000 characters took about 30 s; linear, a few milliseconds. The bound leaves room for a busy CI.
    const text = make(20_000);
    expect(millisecondsFor(() => takeLeadingPhone(text, "US"))).toBeLessThan(1000);
    expect(millisecondsFor(() => takeLeadingPhone(text))).toBeLessThan(1000);
  });

  it.each(HOSTILE)("splitPhoneList on %s", (_what, make) => {
    // Quadratic, 100,000 characters took about 5 s.
    const text = make(100_000);
    expect(millisecondsFor(() => splitPhoneList(text))).toBeLessThan(1000);
  });

  it.each(HOSTILE)("every /wa-check form on 4,000 characters of %s", (_what, make) => {
    const text = make(3_980);
    const forms = ["", "block ", "unblock ", "report ", "history ", "blocklist "];
    const elapsed = millisecondsFor(() => {
      for (const form of forms) {
        parseWaCheck(`${form}${text}`, { businessCountry: "US" });
        subcommandOf(`${form}${text}`);
      }
    });
    expect(elapsed).toBeLessThan(400);
  });
});

describe("the 4,000-character limit of command text", () => {
  it("refuses longer text before parsing it, naming the limit and the length", () => {
    const text = `block ${"1 ".repeat(5_000)}`;
    const parsed = parseWaCheck(text, { businessCountry: "US" });
    expect(parsed.kind).toBe("invalid");
    if (parsed.kind !== "invalid") return;
    expect(parsed.error.message).toContain("4,000 characters");
    expect(parsed.error.message).toContain(`this one has ${text.length.toLocaleString("en-US")}`);
  });

  it("still reads text of exactly 4,000 characters", () => {
    const text = `+1 631 555 1000${" ".repeat(3_985)}`;
    expect(text).toHaveLength(4_000);
    expect(parseWaCheck(text).kind).toBe("check");
  });

  it("keeps the first digits of a long run of groups as the number, the rest as the reason", () => {
    const taken = takeLeadingPhone(`+1 631 555 1000 ${"2 ".repeat(100)}`.trim(), "US");
    expect(taken.phone).toBe("+1 631 555 1000");
  });
});

describe("a number padded to great length", () => {
  it("reads the same as the short one, without being kept in the memo", () => {
    const padded = `+1 631${" ".repeat(200_000)}555 1000`;
    const started = performance.now();
    expect(parsePhoneInput(padded, "US").e164).toBe("+16315551000");
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
