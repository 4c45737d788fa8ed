import { describe, expect, it } from "vitest";
import { reasonTooLong } from "../../src/moderation/reason.js";

describe("the reason rule every surface shares", () => {
  it("accepts no reason and reasons under 60 characters", () => {
    expect(reasonTooLong(undefined)).toBeUndefined();
    expect(reasonTooLong("x".repeat(59))).toBeUndefined();
  });

  it("refuses 60 characters or more, naming the length typed", () => {
    expect(reasonTooLong("x".repeat(60))?.message).toBe(
      "reasons must be under 60 characters; this one has 60",
    );
    expect(reasonTooLong("x".repeat(70))?.message).toBe(
      "reasons must be under 60 characters; this one has 70",
    );
  });

  it("counts characters as people do: an emoji is one", () => {
    expect(reasonTooLong("🚫".repeat(59))).toBeUndefined();
    expect(reasonTooLong("🚫".repeat(61))?.length).toBe(61);
  });
});
