import { describe, expect, it } from "vitest";
import { errorOf, HOUR, loggedIn, MINUTE, manualClock } from "./sandbox-harness.js";

const ok = { meta: { api_status: "stable", version: "v2.41.2" } };
const notEngaged = {
  code: 2048,
  title: "Not engaged contact",
  details: "Invalid Request. This contact has not engaged with you in the last 24 hrs.",
};

describe("POST /v1/contacts/{phone}/block", () => {
  describe("for a contact that wrote in the last 24 hours", () => {
    it("blocks the URL-encoded +number and adds it at the end of the blocklist", async () => {
      const { sandbox, call } = await loggedIn();
      const response = await call("POST", "/v1/contacts/%2B16315551001/block", {
        reason: "abusive language",
      });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(ok);
      expect(sandbox.state.blocklist.at(-1)).toBe("16315551001");
      expect(sandbox.state.blocklist).toHaveLength(36);
    });

    it("accepts a bare wa_id and a body-less call", async () => {
      const { sandbox, call } = await loggedIn();
      const response = await call("POST", "/v1/contacts/16315551002/block");
      expect(response.status).toBe(200);
      expect(sandbox.state.blocklist).toContain("16315551002");
    });

    it("blocks the account a differently dialled number reaches", async () => {
      const { sandbox, call } = await loggedIn();
      await sandbox.simulateInbound({ from: "551187654321" });
      const response = await call("POST", `/v1/contacts/${encodeURIComponent("+55 11 98765-4321")}/block`);
      expect(response.status).toBe(200);
      expect(sandbox.state.blocklist.at(-1)).toBe("551187654321");
    });

    it("changes nothing when the contact is already blocked", async () => {
      const { sandbox, call } = await loggedIn();
      await call("POST", "/v1/contacts/%2B16315551001/block");
      const again = await call("POST", "/v1/contacts/%2B16315551001/block");
      expect(again.status).toBe(200);
      expect(sandbox.state.blocklist.filter((waId) => waId === "16315551001")).toHaveLength(1);
    });
  });

  describe("for a contact that has not written in the last 24 hours", () => {
    it("answers HTTP 400 with 2048 Not engaged contact and blocks nothing", async () => {
      const { sandbox, call } = await loggedIn();
      const response = await call("POST", "/v1/contacts/%2B16315551005/block");
      expect(response.status).toBe(400);
      expect(errorOf(response)).toEqual(notEngaged);
      expect(sandbox.state.blocklist).not.toContain("16315551005");
    });

    it("refuses a seeded contact whose last message is 25 hours old", async () => {
      const { call } = await loggedIn();
      const response = await call("POST", "/v1/contacts/%2B16315551004/block");
      expect(errorOf(response)?.code).toBe(2048);
    });

    it("blocks once the contact writes again", async () => {
      const { sandbox, call } = await loggedIn();
      await sandbox.simulateInbound({ from: "+16315551005", text: "you again" });
      expect((await call("POST", "/v1/contacts/%2B16315551005/block")).status).toBe(200);
    });
  });

  describe("the 24-hour window on the sandbox clock", () => {
    it("is open one minute before 24 hours have passed", async () => {
      const clock = manualClock();
      const { sandbox, call } = await loggedIn({ now: clock.now });
      await sandbox.simulateInbound({ from: "+16315551005" });
      clock.advance(24 * HOUR - MINUTE);
      expect((await call("POST", "/v1/contacts/%2B16315551005/block")).status).toBe(200);
    });

    it("is closed at 24 hours", async () => {
      const clock = manualClock();
      const { sandbox, call } = await loggedIn({ now: clock.now });
      await sandbox.simulateInbound({ from: "+16315551005" });
      clock.advance(24 * HOUR);
      expect(errorOf(await call("POST", "/v1/contacts/%2B16315551005/block"))?.code).toBe(2048);
    });
  });

  describe("with a reason", () => {
    it("takes one of 59 characters", async () => {
      const { call } = await loggedIn();
      const response = await call("POST", "/v1/contacts/%2B16315551001/block", { reason: "x".repeat(59) });
      expect(response.status).toBe(200);
    });

    it("refuses one of 60 characters with 1009, saying the limit and the length", async () => {
      const { sandbox, call } = await loggedIn();
      const response = await call("POST", "/v1/contacts/%2B16315551001/block", { reason: "x".repeat(60) });
      expect(response.status).toBe(400);
      expect(errorOf(response)).toMatchObject({
        code: 1009,
        title: "Parameter value is not valid",
        details: expect.stringMatching(/under 60 characters.*has 60/),
      });
      expect(sandbox.state.blocklist).not.toContain("16315551001");
    });

    it("counts an emoji as one character, as the bot does", async () => {
      const { call } = await loggedIn();
      const taken = await call("POST", "/v1/contacts/%2B16315551001/block", { reason: "🚫".repeat(59) });
      expect(taken.status).toBe(200);
      const refused = await call("POST", "/v1/contacts/%2B16315551001/block", { reason: "🚫".repeat(60) });
      expect(errorOf(refused)).toMatchObject({
        code: 1009,
        details: "reason must be under 60 characters; this one has 60",
      });
    });
  });

  describe("with an id that is not a phone number", () => {
    it.each([
      ["letters", "hello"],
      ["too few digits", "%2B1555"],
      ["a number without + that has formatting", "631-555-1001"],
      ["broken URL encoding", "%ZZ"],
    ])("answers 1009 for %s", async (_label, id) => {
      const { call } = await loggedIn();
      const response = await call("POST", `/v1/contacts/${id}/block`);
      expect(response.status).toBe(400);
      expect(errorOf(response)).toMatchObject({ code: 1009, title: "Parameter value is not valid" });
    });
  });
});

describe("POST /v1/contacts/{phone}/unblock", () => {
  it("removes the contact from the blocklist, with no 24-hour rule", async () => {
    const { sandbox, call } = await loggedIn();
    const response = await call("POST", "/v1/contacts/%2B16315551010/unblock");
    expect(response.status).toBe(200);
    expect(response.body).toEqual(ok);
    expect(sandbox.state.blocklist).not.toContain("16315551010");
    expect(sandbox.state.blocklist).toHaveLength(34);
  });

  it("succeeds without change for a contact that is not blocked", async () => {
    const { sandbox, call } = await loggedIn();
    const response = await call("POST", "/v1/contacts/%2B16315551001/unblock");
    expect(response.status).toBe(200);
    expect(sandbox.state.blocklist).toHaveLength(35);
  });

  it("answers 1009 for an id that is not a phone number", async () => {
    const { call } = await loggedIn();
    expect(errorOf(await call("POST", "/v1/contacts/nobody/unblock"))?.code).toBe(1009);
  });
});

describe("POST /v1/contacts/{phone}/report", () => {
  it("records the contact's last 5 messages when no message_id is given, without blocking", async () => {
    const { sandbox, call } = await loggedIn();
    const sent: string[] = [];
    for (let i = 0; i < 7; i += 1)
      sent.push((await sandbox.simulateInbound({ from: "+16315551005" })).messageId);
    const response = await call("POST", "/v1/contacts/%2B16315551005/report", { reason: "spam" });
    expect(response.status).toBe(200);
    expect(response.body).toEqual(ok);
    expect(sandbox.state.reports).toEqual([
      {
        waId: "16315551005",
        at: expect.any(Number),
        reason: "spam",
        block: false,
        messageIds: sent.slice(2),
      },
    ]);
    expect(sandbox.state.blocklist).not.toContain("16315551005");
  });

  it("records the named message and blocks too when block is true", async () => {
    const { sandbox, call } = await loggedIn();
    const { messageId } = await sandbox.simulateInbound({ from: "+16315551005", text: "buy now" });
    await sandbox.simulateInbound({ from: "+16315551005", text: "later message" });
    const response = await call("POST", "/v1/contacts/%2B16315551005/report", {
      block: true,
      message_id: messageId,
    });
    expect(response.status).toBe(200);
    expect(sandbox.state.reports[0]).toMatchObject({
      waId: "16315551005",
      block: true,
      messageIds: [messageId],
    });
    expect(sandbox.state.blocklist.at(-1)).toBe("16315551005");
  });

  it("answers 1009 for a message_id that is not a message from this contact", async () => {
    const { sandbox, call } = await loggedIn();
    const other = await sandbox.simulateInbound({ from: "+16315551002" });
    await sandbox.simulateInbound({ from: "+16315551005" });
    const response = await call("POST", "/v1/contacts/%2B16315551005/report", {
      message_id: other.messageId,
    });
    expect(response.status).toBe(400);
    expect(errorOf(response)?.code).toBe(1009);
    expect(sandbox.state.reports).toEqual([]);
  });

  it("answers 2048 for a contact that has not written in the last 24 hours", async () => {
    const { sandbox, call } = await loggedIn();
    const response = await call("POST", "/v1/contacts/%2B16315551005/report", { block: true });
    expect(response.status).toBe(400);
    expect(errorOf(response)).toEqual(notEngaged);
    expect(sandbox.state.reports).toEqual([]);
  });

  it("refuses a reason of 60 characters with 1009", async () => {
    const { call } = await loggedIn();
    const response = await call("POST", "/v1/contacts/%2B16315551001/report", { reason: "y".repeat(60) });
    expect(errorOf(response)?.code).toBe(1009);
  });

  it("answers 1010 for a misspelt parameter", async () => {
    const { call } = await loggedIn();
    const response = await call("POST", "/v1/contacts/%2B16315551001/report", { messageId: "ABGG" });
    expect(errorOf(response)?.code).toBe(1010);
  });
});
