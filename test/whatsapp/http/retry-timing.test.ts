import { describe, expect, it } from "vitest";
import { WhatsAppApiError } from "../../../src/whatsapp/errors.js";
import { DEFAULT_RETRY_POLICY, retryDelay } from "../../../src/whatsapp/http/retry-timing.js";

function rateLimited(retryAfter?: number): WhatsAppApiError {
  return new WhatsAppApiError({ code: 1015, title: "Too many requests", httpStatus: 429, retryAfter });
}

describe("retry waits", () => {
  it("are full jitter under a ceiling that doubles from the base and stops at the maximum", () => {
    const highest = () => 0.999_999;
    const ceilings = [0, 1, 2, 3, 4, 5].map((n) =>
      Math.round(retryDelay(DEFAULT_RETRY_POLICY, n, null, highest)),
    );

    expect(ceilings).toEqual([250, 500, 1_000, 2_000, 4_000, 4_000]);
    expect(retryDelay(DEFAULT_RETRY_POLICY, 3, null, () => 0)).toBe(0);
  });

  it("last at least as long as Retry-After asks", () => {
    expect(retryDelay(DEFAULT_RETRY_POLICY, 0, rateLimited(2), () => 0.5)).toBe(2_000);
    expect(retryDelay(DEFAULT_RETRY_POLICY, 0, rateLimited(), () => 0.5)).toBe(125);
  });
});
