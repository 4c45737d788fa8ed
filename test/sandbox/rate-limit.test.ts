import { describe, expect, it } from "vitest";
import { errorOf, loggedIn, login, manualClock } from "./sandbox-harness.js";

describe("rate limit", () => {
  describe("with the default 20 per second and bursts of 60", () => {
    it("answers the 61st call in the same instant with 429, code 1015 and Retry-After", async () => {
      const clock = manualClock();
      const { call } = await loggedIn({ now: clock.now });
      for (let i = 0; i < 60; i += 1) {
        expect((await call("GET", "/v1/contacts/blocklist?limit=1")).status).toBe(200);
      }
      const refused = await call("GET", "/v1/contacts/blocklist?limit=1");
      expect(refused.status).toBe(429);
      expect(errorOf(refused)).toMatchObject({ code: 1015, title: "Too many requests" });
      expect(refused.headers.get("retry-after")).toBe("1");
    });
  });

  describe("with a small bucket", () => {
    it("lets calls through again once the bucket has refilled", async () => {
      const clock = manualClock();
      const { call } = await loggedIn({ now: clock.now, rateLimit: { perSecond: 0.5, burst: 2 } });
      await call("GET", "/v1/health");
      await call("GET", "/v1/health");
      const refused = await call("GET", "/v1/health");
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toBe("2");
      clock.advance(2000);
      expect((await call("GET", "/v1/health")).status).toBe(200);
    });

    it("does not count logins", async () => {
      const clock = manualClock();
      const { sandbox, call } = await loggedIn({ now: clock.now, rateLimit: { perSecond: 1, burst: 1 } });
      expect((await call("GET", "/v1/health")).status).toBe(200);
      await expect(login(sandbox)).resolves.toEqual(expect.any(String));
    });
  });

  describe("when turned off", () => {
    it("answers every call", async () => {
      const clock = manualClock();
      const { call } = await loggedIn({ now: clock.now, rateLimit: false });
      const statuses = new Set<number>();
      for (let i = 0; i < 70; i += 1) statuses.add((await call("GET", "/v1/health")).status);
      expect([...statuses]).toEqual([200]);
    });
  });
});
