import type { types } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttons } from "../slack/views/block-helpers.js";
import { AUDIT_CHANNEL, contactActions, type E2EApp, STRANGER_ID, startE2EApp } from "./harness.js";

/** `/wa-check block` and `/wa-check unblock`: what the moderator reads, and what the sandbox's blocklist became. */

describe("/wa-check block and unblock, end to end", () => {
  let app: E2EApp;
  const blocklist = () => app.sandbox.state.blocklist;

  /** Waits for the audit channel's line of a refusal with `code` (by `actor`, when given). */
  const auditedRefusal = (code: string, actor?: string) =>
    app.slack.waitFor(() =>
      app.slack.callsTo("chat.postMessage").find((call) => {
        const line = String(call.body.text);
        return (
          call.body.channel === AUDIT_CHANNEL &&
          line.includes("⛔") &&
          line.includes(code) &&
          (actor === undefined || line.includes(actor))
        );
      }),
    );

  beforeAll(async () => {
    app = await startE2EApp();
  });
  afterAll(async () => {
    await app.close();
  });

  describe("by a moderator", () => {
    it("blocks an engaged contact with a reason, then unblocks it", async () => {
      expect(blocklist()).not.toContain("16315551002");
      const blocked = await app.command("block +1 631 555 1002 sends scam links");
      expect(blocked.status).toBe(200);
      expect(blocked.ackText).toContain("Blocking +1 631 555 1002");
      const blockAnswer = await app.finalAnswer(blocked.path);
      expect(blockAnswer).toContain("Blocked *+1 631-555-1002*");
      expect(blockAnswer).toContain("reason: sends scam links");
      expect(blocklist()).toContain("16315551002");
      // Every action is posted to the audit channel as well.
      const audit = await app.slack.waitFor(() =>
        app.slack
          .callsTo("chat.postMessage")
          .find(
            (call) =>
              call.body.channel === AUDIT_CHANNEL && String(call.body.text).includes("sends scam links"),
          ),
      );
      expect(String(audit.body.text)).toContain("block");

      const unblocked = await app.command("unblock +1 631 555 1002");
      const unblockAnswer = await app.finalAnswer(unblocked.path);
      expect(unblockAnswer).toContain("Unblocked *+1 631-555-1002*");
      expect(blocklist()).not.toContain("16315551002");
    });

    it("reads a number typed without + in the business country, the rest being the reason", async () => {
      const { path } = await app.command("block 6315551003 3 times");
      const answer = await app.finalAnswer(path);
      expect(answer).toContain("Blocked *+1 631-555-1003*");
      expect(answer).toContain("reason: 3 times");
      expect(blocklist()).toContain("16315551003");
    });

    it("explains the 24-hour rule when WhatsApp answers 2048 for a contact that last wrote 25 hours ago", async () => {
      const before = [...blocklist()];
      const { path } = await app.command("block +1 631 555 1004 harassment");
      const answer = await app.finalAnswer(path);
      expect(answer).toContain("*not engaged*");
      expect(answer).toContain("2048");
      expect(answer).toContain("last 24 hours");
      expect(blocklist()).toEqual(before);
    });

    it("refuses a reason of 70 characters before calling WhatsApp, giving the limit and the length, and audits the refusal", async () => {
      const actions = contactActions(app.sandbox);
      const before = [...blocklist()];
      const { status, path } = await app.command(`block +1 631 555 1001 ${"r".repeat(70)}`);
      expect(status).toBe(200);
      expect(await app.finalAnswer(path)).toContain("reasons must be under 60 characters; this one has 70");
      expect(contactActions(app.sandbox)).toBe(actions);
      expect(blocklist()).toEqual(before);
      await auditedRefusal("reason_too_long");
    });
  });

  describe("from a check row's Block button", () => {
    it("blocks that row's number and answers below the check, which keeps every row", async () => {
      const check = await app.command("+1 631 555 1001, +1 631 555 1005");
      await app.finalAnswer(check.path);
      const checkPosts = () => app.slack.responseUrlHits.filter((hit) => hit.path === check.path).length;
      const posted = app.slack.responseUrlHits.filter((hit) => hit.path === check.path).at(-1);
      const shown = (posted?.body as { blocks?: types.KnownBlock[] } | undefined)?.blocks ?? [];
      const rowBlock = buttons(shown).find((button) => button.action_id === "check_block");
      if (rowBlock?.value === undefined) throw new Error("the check shows no Block button");
      const before = checkPosts();

      const { status, path } = await app.click({ actionId: "check_block", value: rowBlock.value });

      expect(status).toBe(200);
      expect(await app.finalAnswer(path)).toContain("Blocked *+1 631-555-1001*");
      const answers = app.slack.responseUrlHits.filter((hit) => hit.path === path);
      expect(answers.map((hit) => (hit.body as { replace_original?: boolean }).replace_original)).toEqual([
        false,
      ]);
      expect(checkPosts()).toBe(before);
      expect(blocklist()).toContain("16315551001");
    });
  });

  describe("by someone who is not a moderator", () => {
    it.each(["block +1 631 555 1001 spam", "unblock +1 631 555 1010"])(
      "refuses %j naming MODERATORS and the caller's id, calling nothing, and audits the refusal",
      async (text) => {
        const actions = contactActions(app.sandbox);
        const before = [...blocklist()];
        const { status, path } = await app.command(text, { userId: STRANGER_ID });
        expect(status).toBe(200);
        const answer = await app.finalAnswer(path);
        expect(answer).toContain("MODERATORS");
        expect(answer).toContain(STRANGER_ID);
        expect(contactActions(app.sandbox)).toBe(actions);
        expect(blocklist()).toEqual(before);
        await auditedRefusal("not_moderator", STRANGER_ID);
      },
    );
  });
});
