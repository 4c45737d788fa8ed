import { describe, expect, it } from "vitest";
import { errorOf, loggedIn, login } from "./sandbox-harness.js";

describe("faults", () => {
  describe("status", () => {
    it("answers 503 with 1016 System overloaded and the given Retry-After", async () => {
      const { sandbox, call } = await loggedIn();
      sandbox.faults.next({ kind: "status", status: 503, retryAfterSeconds: 3 });
      const response = await call("GET", "/v1/contacts/blocklist");
      expect(response.status).toBe(503);
      expect(errorOf(response)).toMatchObject({ code: 1016, title: "System overloaded" });
      expect(response.headers.get("retry-after")).toBe("3");
    });

    it("answers 429 with 1015 Too many requests and no Retry-After unless given", async () => {
      const { sandbox, call } = await loggedIn();
      sandbox.faults.next({ kind: "status", status: 429 });
      const response = await call("POST", "/v1/contacts", { contacts: ["+16315551001"] });
      expect(response.status).toBe(429);
      expect(errorOf(response)).toMatchObject({ code: 1015, title: "Too many requests" });
      expect(response.headers.get("retry-after")).toBeNull();
    });

    it("answers the code asked for with the server's title for it", async () => {
      const { sandbox, call } = await loggedIn();
      sandbox.faults.next({ kind: "status", status: 500, code: 1011 });
      const response = await call("GET", "/v1/health");
      expect(response.status).toBe(500);
      expect(errorOf(response)).toMatchObject({ code: 1011, title: "Service not ready" });
    });
  });

  describe("errors200", () => {
    it("answers HTTP 200 with a non-empty errors[]", async () => {
      const { sandbox, call } = await loggedIn();
      sandbox.faults.next({ kind: "errors200", code: 1014, title: "Internal error" });
      const response = await call("POST", "/v1/contacts/%2B16315551001/block");
      expect(response.status).toBe(200);
      expect(errorOf(response)).toMatchObject({ code: 1014, title: "Internal error" });
      expect(sandbox.state.blocklist).not.toContain("16315551001");
    });
  });

  describe("html502", () => {
    it("answers a proxy's HTML page with status 502", async () => {
      const { sandbox, call } = await loggedIn();
      sandbox.faults.next({ kind: "html502" });
      const response = await call("GET", "/v1/contacts/blocklist");
      expect(response.status).toBe(502);
      expect(response.headers.get("content-type")).toBe("text/html");
      expect(response.text).toContain("502 Bad Gateway");
      expect(response.body).toBeUndefined();
    });
  });

  describe("reset", () => {
    it("drops the connection without an answer", async () => {
      const { sandbox, call } = await loggedIn();
      sandbox.faults.next({ kind: "reset" });
      await expect(call("GET", "/v1/contacts/blocklist")).rejects.toThrow(TypeError);
      expect((await call("GET", "/v1/contacts/blocklist")).status).toBe(200);
    });
  });

  describe("hang", () => {
    it("never answers, and close() still ends promptly", async () => {
      const { sandbox, call } = await loggedIn();
      sandbox.faults.next({ kind: "hang" });
      const pending = call("GET", "/v1/contacts/blocklist");
      const outcome = await Promise.race([
        pending.then(
          () => "answered",
          () => "failed",
        ),
        new Promise((resolve) => setTimeout(() => resolve("still waiting"), 300)),
      ]);
      expect(outcome).toBe("still waiting");
      const started = Date.now();
      await sandbox.close();
      expect(Date.now() - started).toBeLessThan(1000);
      await expect(pending).rejects.toThrow();
    });
  });

  describe("queueing", () => {
    it("applies a fault to exactly the next N calls, then answers normally", async () => {
      const { sandbox, call } = await loggedIn();
      sandbox.faults.next({ kind: "status", status: 503 }, 2);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await call("GET", "/v1/health")).status);
      expect(statuses).toEqual([503, 503, 200]);
    });

    it("applies queued faults in the order they were queued", async () => {
      const { sandbox, call } = await loggedIn();
      sandbox.faults.next({ kind: "status", status: 429 });
      sandbox.faults.next({ kind: "html502" });
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await call("GET", "/v1/health")).status);
      expect(statuses).toEqual([429, 502, 200]);
    });

    it("leaves login alone", async () => {
      const { sandbox, call } = await loggedIn();
      sandbox.faults.next({ kind: "status", status: 503 });
      await expect(login(sandbox)).resolves.toEqual(expect.any(String));
      expect((await call("GET", "/v1/health")).status).toBe(503);
    });

    it("forgets every queued fault on clear()", async () => {
      const { sandbox, call } = await loggedIn();
      sandbox.faults.next({ kind: "status", status: 503 }, 5);
      sandbox.faults.clear();
      expect((await call("GET", "/v1/health")).status).toBe(200);
    });

    it("notes the fault in the calls log", async () => {
      const { sandbox, call } = await loggedIn();
      sandbox.faults.next({ kind: "html502" });
      await call("GET", "/v1/health");
      expect(sandbox.state.calls.at(-1)).toMatchObject({
        method: "GET",
        path: "/v1/health",
        fault: "html502",
        status: 502,
      });
    });
  });
});
