import { describe, expect, it } from "vitest";
import { errorOf, loggedIn, request } from "./sandbox-harness.js";

describe("the /sandbox control API", () => {
  describe("POST /sandbox/inbound", () => {
    it("simulates an inbound message and answers its id", async () => {
      const { sandbox, call } = await loggedIn();
      const response = await request(sandbox, "POST", "/sandbox/inbound", {
        body: { from: "+16315551005", text: "hi", name: "Grace" },
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ message_id: expect.stringMatching(/^ABGG/), delivered: false });
      expect((await call("POST", "/v1/contacts/%2B16315551005/block")).status).toBe(200);
    });

    it("answers 400 with errors[] for a sender that is not a number", async () => {
      const { sandbox } = await loggedIn();
      const response = await request(sandbox, "POST", "/sandbox/inbound", { body: { from: "nobody" } });
      expect(response.status).toBe(400);
      expect(errorOf(response)?.code).toBe(1009);
    });

    it("answers 1008 when from is missing", async () => {
      const { sandbox } = await loggedIn();
      const response = await request(sandbox, "POST", "/sandbox/inbound", { body: { text: "hi" } });
      expect(errorOf(response)?.code).toBe(1008);
    });
  });

  describe("POST and DELETE /sandbox/faults", () => {
    it("queues a fault for the next API calls", async () => {
      const { sandbox, call } = await loggedIn();
      const queued = await request(sandbox, "POST", "/sandbox/faults", {
        body: { fault: { kind: "status", status: 503, retryAfterSeconds: 2 }, times: 2 },
      });
      expect(queued.body).toEqual({ queued: 2 });
      expect((await call("GET", "/v1/health")).status).toBe(503);
      expect((await call("GET", "/v1/health")).status).toBe(503);
      expect((await call("GET", "/v1/health")).status).toBe(200);
    });

    it("clears queued faults", async () => {
      const { sandbox, call } = await loggedIn();
      await request(sandbox, "POST", "/sandbox/faults", { body: { fault: { kind: "hang" }, times: 3 } });
      await request(sandbox, "DELETE", "/sandbox/faults");
      expect((await call("GET", "/v1/health")).status).toBe(200);
    });

    it("refuses a fault it does not know", async () => {
      const { sandbox } = await loggedIn();
      const response = await request(sandbox, "POST", "/sandbox/faults", {
        body: { fault: { kind: "flood" } },
      });
      expect(response.status).toBe(400);
      expect(errorOf(response)?.code).toBe(1009);
    });
  });

  describe("POST /sandbox/version", () => {
    it("changes meta.version and the contact-check semantics", async () => {
      const { sandbox, call } = await loggedIn();
      const changed = await request(sandbox, "POST", "/sandbox/version", { body: { version: "v2.43.0" } });
      expect(changed.body).toEqual({ version: "v2.43.0" });
      const response = await call("POST", "/v1/contacts", { contacts: ["+16315559999"] });
      expect(response.body).toMatchObject({
        contacts: [{ status: "valid", wa_id: "16315559999" }],
        meta: { version: "v2.43.0" },
      });
    });

    it("refuses something that is not a version", async () => {
      const { sandbox } = await loggedIn();
      const response = await request(sandbox, "POST", "/sandbox/version", { body: { version: "latest" } });
      expect(response.status).toBe(400);
      expect(sandbox.state.apiVersion).toBe("v2.41.2");
    });
  });

  describe("GET /sandbox/state", () => {
    it("shows users, engagement, the blocklist, reports and calls, but no password or token", async () => {
      const { sandbox, call } = await loggedIn();
      await call("GET", "/v1/contacts/blocklist?limit=15");
      const response = await request(sandbox, "GET", "/sandbox/state");
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        businessNumber: "+16315550100",
        apiVersion: "v2.41.2",
        users: expect.arrayContaining([{ waId: "16315551001", name: "Dana Whitfield" }]),
        engaged: expect.objectContaining({ "16315551001": expect.any(Number) }),
        blocklist: sandbox.state.blocklist,
        reports: [],
        calls: expect.arrayContaining([
          expect.objectContaining({ method: "GET", path: "/v1/contacts/blocklist?limit=15", status: 200 }),
        ]),
      });
      expect(response.text).not.toContain(sandbox.password);
      expect(response.text).not.toMatch(/token/i);
    });
  });

  it("answers 404 with errors[] for an unknown control route", async () => {
    const { sandbox } = await loggedIn();
    const response = await request(sandbox, "GET", "/sandbox/nothing");
    expect(response.status).toBe(404);
    expect(errorOf(response)?.code).toBe(1006);
  });
});
