import { describe, expect, it } from "vitest";
import { readE164 } from "../../src/phone/e164.js";
import { parsePhoneInput } from "../../src/phone/index.js";
import { memoize } from "../../src/phone/memo.js";

/** An identity function memoised with `capacity`, and the keys it was computed for. */
function recordingMemo(capacity: number): { same: (key: string) => string; seen: string[] } {
  const seen: string[] = [];
  const same = memoize((key) => {
    seen.push(key);
    return key;
  }, capacity);
  return { same, seen };
}

describe("memoize", () => {
  it("computes a key once while it stays among the most recent", () => {
    const seen: string[] = [];
    const upper = memoize((key) => {
      seen.push(key);
      return key.toUpperCase();
    }, 2);
    expect([upper("a"), upper("a"), upper("b"), upper("a")]).toEqual(["A", "A", "B", "A"]);
    expect(seen).toEqual(["a", "b"]);
  });

  it("forgets the least recently used key past its capacity", () => {
    const { same, seen } = recordingMemo(2);
    same("a");
    same("b");
    same("a"); // "b" is now the oldest
    same("c");
    same("a");
    same("b");
    expect(seen).toEqual(["a", "b", "c", "b"]);
  });

  it("keeps forgetting the least recently used key over many evictions, touched keys included", () => {
    const { same, seen } = recordingMemo(3);
    for (let round = 0; round < 50; round += 1) {
      same("kept"); // touched every round, so never the oldest
      same(`new-${round}`);
    }
    seen.length = 0;
    same("kept");
    same("new-49");
    same("new-48");
    same("new-47");
    expect(seen).toEqual(["new-47"]);
  });
});

describe("parsePhoneInput, memoised", () => {
  it("answers the same input differently for different business countries", () => {
    expect(parsePhoneInput("6315551002", "US").e164).toBe("+16315551002");
    expect(parsePhoneInput("6315551002", "IN").e164).toBe("+916315551002");
  });

  it("hands out results nobody can change for the next caller", () => {
    const first = parsePhoneInput("+1 631 555 1004", "US");
    expect(Object.isFrozen(first)).toBe(true);
    expect(parsePhoneInput("+1 631 555 1004", "US")).toBe(first);
  });
});

describe("readE164", () => {
  it("reads each number's text once: checking it, its warnings and showing it share one reading", () => {
    const first = readE164("+16315551007");
    expect(first?.number).toBe("+16315551007");
    expect(readE164("+16315551007")).toBe(first);
  });
});
