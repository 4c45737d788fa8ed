import { describe, expect, it } from "vitest";
import { WhatsAppApiError } from "../../../../src/whatsapp/errors.js";
import { actionPath, failureOf, startContract } from "./contract-harness.js";

const DANA = "+16315551001"; // wrote 5 minutes ago
const MARCUS = "+16315551002"; // wrote 30 minutes ago
const EVAN = "+16315551004"; // last wrote 25 hours ago
const GRACE = "+16315551005"; // a user who has not written yet
const WHOLE_LIST = { kind: "offset", limit: 200, offset: 0 } as const;

describe("blocking and unblocking", () => {
  it("blocks an engaged contact so the blocklist shows it, and unblocking takes it off", async () => {
    const { sandbox, client, statuses } = await startContract();

    await client.block({ e164: DANA }, "threatening messages");
    const blocked = await client.blocklistPage(WHOLE_LIST);
    await client.unblock({ e164: DANA });
    const unblocked = await client.blocklistPage(WHOLE_LIST);

    expect(blocked.contacts.map((contact) => contact.waId)).toContain("16315551001");
    expect(blocked.total).toBe(36);
    expect(unblocked.contacts.map((contact) => contact.waId)).not.toContain("16315551001");
    expect(unblocked.total).toBe(35);
    expect(statuses(actionPath(DANA, "block"))).toEqual([200]);
    expect(statuses(actionPath(DANA, "unblock"))).toEqual([200]);
    expect(sandbox.state.blocklist).not.toContain("16315551001");
  });

  describe("a contact that has not written in the last 24 hours", () => {
    it("is refused with 2048 Not engaged contact, sent once and not retried", async () => {
      const { sandbox, client, calls } = await startContract();

      const error = await failureOf(client.block({ e164: EVAN }));

      expect(error).toBeInstanceOf(WhatsAppApiError);
      expect(error).toMatchObject({
        code: "wa_api_error",
        waCode: 2048,
        title: "Not engaged contact",
        httpStatus: 400,
      });
      expect((error as Error).message).toMatch(/2048 Not engaged contact.*24 hrs/);
      expect(calls(actionPath(EVAN, "block"))).toHaveLength(1);
      expect(sandbox.state.blocklist).not.toContain("16315551004");
    });
  });

  describe("with a reason of 60 characters", () => {
    it("is refused with 1009 naming the limit and the length, sent once", async () => {
      const { sandbox, client, calls } = await startContract();

      const error = await failureOf(client.block({ e164: DANA }, "x".repeat(60)));

      expect(error).toMatchObject({
        waCode: 1009,
        title: "Parameter value is not valid",
        details: "reason must be under 60 characters; this one has 60",
      });
      expect(calls(actionPath(DANA, "block"))).toHaveLength(1);
      expect(sandbox.state.blocklist).not.toContain("16315551001");
    });
  });

  describe("with an id that is not a phone number", () => {
    it("is refused with 1009 Parameter value is not valid, sent once", async () => {
      const { client, calls } = await startContract();

      const error = await failureOf(client.block({ e164: "+12" }));

      expect(error).toMatchObject({ waCode: 1009, httpStatus: 400 });
      expect((error as Error).message).toMatch(/1009 Parameter value is not valid: Provided WhatsApp ID/);
      expect(calls(actionPath("+12", "block"))).toHaveLength(1);
    });
  });
});

describe("reporting", () => {
  it("sends the named message id, which the server records, without blocking", async () => {
    const { sandbox, client } = await startContract();
    const { messageId } = await sandbox.simulateInbound({ from: GRACE, text: "pay up or else" });

    await client.report(GRACE, { messageId, reason: "extortion" });

    expect(sandbox.state.reports).toEqual([
      {
        waId: "16315551005",
        at: expect.any(Number),
        block: false,
        messageIds: [messageId],
        reason: "extortion",
      },
    ]);
    expect(sandbox.state.blocklist).not.toContain("16315551005");
  });

  it("with block: true, reports the contact's last messages and blocks it", async () => {
    const { sandbox, client } = await startContract();
    const lastMessages = sandbox.state.messages
      .filter((message) => message.from === "16315551002")
      .map((message) => message.id);

    await client.report(MARCUS, { block: true });

    expect(sandbox.state.reports).toEqual([
      { waId: "16315551002", at: expect.any(Number), block: true, messageIds: lastMessages },
    ]);
    expect(lastMessages).toHaveLength(1);
    expect((await client.blocklistPage(WHOLE_LIST)).contacts.map((contact) => contact.waId)).toContain(
      "16315551002",
    );
  });

  it("is refused with 2048 for a contact that has not written in 24 hours, recording nothing", async () => {
    const { sandbox, client, calls } = await startContract();

    await expect(client.report(EVAN, { reason: "spam" })).rejects.toMatchObject({ waCode: 2048 });

    expect(calls(actionPath(EVAN, "report"))).toHaveLength(1);
    expect(sandbox.state.reports).toEqual([]);
  });
});
