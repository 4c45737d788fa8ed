import type { types } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import {
  decodeUnblockValue,
  encodePageValue,
  encodeRecheckValue,
  encodeRowValue,
  encodeUnblockValue,
} from "../../../src/slack/input/button-values.js";
import { blocklistPageButton } from "../../../src/slack/listeners/blocklist-page-button.js";
import { blocklistUnblockButton } from "../../../src/slack/listeners/blocklist-unblock-button.js";
import { checkBlockButton } from "../../../src/slack/listeners/check-block-button.js";
import { checkReportButton } from "../../../src/slack/listeners/check-report-button.js";
import { recheckButton } from "../../../src/slack/listeners/recheck-button.js";
import { WhatsAppTimeoutError } from "../../../src/whatsapp/errors.js";
import { startFakeSlackApi } from "../../support/fake-slack-api.js";
import { buttons } from "../views/block-helpers.js";
import { lastAnswer, useListenerSuite } from "./harness.js";

const suite = useListenerSuite({ blocked: Array.from({ length: 40 }, (_, i) => `1631555${1000 + i}`) });

/** A block_actions body as Slack sends it for a click in an ephemeral message. */
function click(actionId: string, value: string) {
  return {
    body: {
      type: "block_actions",
      user: { id: "U0MOD", username: "ana" },
      trigger_id: "123.456.abc",
      response_url: suite.slack.responseUrl(),
      channel: { id: "C0MOD" },
      container: {
        type: "message",
        message_ts: "1700000000.000100",
        channel_id: "C0MOD",
        is_ephemeral: true,
      },
      actions: [{ action_id: actionId, value, type: "button" }],
    },
    ack: () => suite.h.ack(),
    client: suite.h.client,
  };
}

describe("clicks", () => {
  describe("Block on a check row", () => {
    it("acknowledges, blocks the row's number and answers in one new message, leaving the check whole", async () => {
      await checkBlockButton(click("check_block", encodeRowValue("+16315551000")), suite.h.deps);
      expect(suite.h.acks).toEqual([undefined]);
      expect(suite.h.moderation.callsTo("block")[0]).toMatchObject({
        actor: { userId: "U0MOD" },
        args: ["+16315551000", undefined],
      });
      expect(suite.slack.responseUrlHits).toHaveLength(1);
      expect(lastAnswer(suite.slack).body).toMatchObject({ replace_original: false });
      expect(lastAnswer(suite.slack).text).toContain("Blocked *+1 631-555-1000*");
    });

    it("refuses a value it cannot read and calls nothing", async () => {
      await checkBlockButton(click("check_block", '{"n":"not a number"}'), suite.h.deps);
      expect(suite.h.acks).toHaveLength(1);
      expect(suite.h.moderation.calls).toHaveLength(0);
      expect(lastAnswer(suite.slack).text).toContain("This button no longer works");
      expect(lastAnswer(suite.slack).body).toMatchObject({ replace_original: false });
    });
  });

  describe("Report… on a check row", () => {
    it("opens the report modal for that number with the click's trigger", async () => {
      await checkReportButton(click("check_report", encodeRowValue("+16315551000")), suite.h.deps);
      expect(suite.h.acks).toHaveLength(1);
      const open = suite.slack.callsTo("views.open")[0]?.body as {
        trigger_id: string;
        view: { private_metadata: string };
      };
      expect(open.trigger_id).toBe("123.456.abc");
      expect(JSON.parse(open.view.private_metadata)).toEqual({ n: "+16315551000", c: "C0MOD" });
      expect(suite.h.moderation.calls).toHaveLength(0);
    });

    it("says in plain words that the form did not open in time when Slack refuses the expired trigger", async () => {
      suite.slack.failMethod("views.open", "expired_trigger_id");
      try {
        await checkReportButton(click("check_report", encodeRowValue("+16315551000")), suite.h.deps);
        const { text, body } = lastAnswer(suite.slack);
        expect(text).toContain("The report form could not open in time");
        expect(text).toContain("Click *Report…* or run *Report sender* again.");
        expect(text).not.toContain("Something went wrong");
        expect(body).toMatchObject({ replace_original: false });
      } finally {
        suite.slack.restore("views.open");
      }
    });
  });

  describe("Re-check", () => {
    it("checks the message's numbers again, blocking and unforced", async () => {
      const value = encodeRecheckValue(["+16315551000", "+16315551001"]);
      await recheckButton(click("check_recheck", value), suite.h.deps);
      expect(suite.h.moderation.callsTo("check")[0]?.args[0]).toMatchObject({
        inputs: ["+16315551000", "+16315551001"],
        force: false,
        wait: true,
      });
      expect(lastAnswer(suite.slack).text).toContain("*Checked 2 numbers*");
    });
  });

  describe("blocklist Next", () => {
    it("fetches exactly the page the button carries and replaces the message with it", async () => {
      const value = encodePageValue({ request: { kind: "offset", limit: 15, offset: 30 }, page: 3 });
      await blocklistPageButton(click("blocklist_next", value), suite.h.deps);
      expect(suite.h.moderation.callsTo("blocklist")[0]?.args).toEqual([
        { kind: "offset", limit: 15, offset: 30 },
      ]);
      expect(lastAnswer(suite.slack).body).toMatchObject({ replace_original: true });
      expect(lastAnswer(suite.slack).text).toContain("page 3 of 3 · 40 blocked");
    });
  });

  describe("Unblock on a blocklist row", () => {
    const UNBLOCK_1015_ON_PAGE_2 = encodeUnblockValue({
      waId: "16315551015",
      request: { kind: "offset", limit: 15, offset: 15 },
      page: 2,
    });

    it("unblocks +<wa_id>, then shows the same page again with the outcome on top", async () => {
      await blocklistUnblockButton(click("blocklist_unblock", UNBLOCK_1015_ON_PAGE_2), suite.h.deps);
      expect(suite.h.moderation.callsTo("unblock")[0]?.args).toEqual(["+16315551015"]);
      expect(suite.h.moderation.callsTo("blocklist")[0]?.args).toEqual([
        { kind: "offset", limit: 15, offset: 15 },
      ]);
      const { text } = lastAnswer(suite.slack);
      expect(text.indexOf("Unblocked *+1 631-555-1015*")).toBeLessThan(
        text.indexOf("page 2 of 3 · 39 blocked"),
      );
      expect(text).not.toContain("`16315551015`");
    });

    it("follows the page the core shows when the list shrank under the button", async () => {
      const lastPage = { kind: "offset", limit: 15, offset: 30 } as const;
      suite.h.deps.moderation = {
        ...suite.h.moderation,
        // The last page emptied: the core shows page 2 instead.
        blocklist: (actor) => suite.h.moderation.blocklist(actor, { kind: "offset", limit: 15, offset: 15 }),
      };
      const value = encodeUnblockValue({ waId: "16315551030", request: lastPage, page: 3 });
      await blocklistUnblockButton(click("blocklist_unblock", value), suite.h.deps);
      const { text, body } = lastAnswer(suite.slack);
      expect(text).toContain("page 2 of 3");
      const unblock = buttons(body.blocks as types.KnownBlock[]).find(
        (b) => b.action_id === "blocklist_unblock",
      );
      expect(decodeUnblockValue(unblock?.value)).toMatchObject({
        request: { kind: "offset", limit: 15, offset: 15 },
        page: 2,
      });
    });

    it("still shows the page, with the failure on top, when the unblock fails", async () => {
      suite.h.moderation.failWith("unblock", new Error("boom"));
      await blocklistUnblockButton(click("blocklist_unblock", UNBLOCK_1015_ON_PAGE_2), suite.h.deps);
      const { text } = lastAnswer(suite.slack);
      expect(text).toContain("Something went wrong on our side");
      expect(text).toContain("`16315551015`");
    });

    it("keeps the unblock's outcome, with the page's failure below it, when the page cannot be loaded again", async () => {
      suite.h.moderation.failWith(
        "blocklist",
        new WhatsAppTimeoutError("WhatsApp did not answer within 10000 ms"),
      );
      await blocklistUnblockButton(click("blocklist_unblock", UNBLOCK_1015_ON_PAGE_2), suite.h.deps);
      expect(suite.h.moderation.callsTo("unblock")[0]?.args).toEqual(["+16315551015"]);
      const { text, body } = lastAnswer(suite.slack);
      expect(text.indexOf("Unblocked *+1 631-555-1015*")).toBeGreaterThan(-1);
      expect(text.indexOf("The blocklist could not be shown again: WhatsApp did not answer")).toBeGreaterThan(
        text.indexOf("Unblocked *+1 631-555-1015*"),
      );
      expect(body).toMatchObject({ replace_original: true, text: expect.stringContaining("Unblocked") });
    });

    it("refuses a value whose wa_id is not a phone number, calling nothing", async () => {
      const value = encodeUnblockValue({
        waId: "12345",
        request: { kind: "offset", limit: 15, offset: 0 },
        page: 1,
      });
      await blocklistUnblockButton(click("blocklist_unblock", value), suite.h.deps);
      expect(suite.h.moderation.calls).toHaveLength(0);
      expect(lastAnswer(suite.slack).text).toContain('"12345" is too short to be a phone number');
    });
  });

  describe("on a message posted in the channel (--public)", () => {
    it("answers a row's Block in the channel, below that message", async () => {
      const args = click("check_block", encodeRowValue("+16315551000"));
      args.body.container.is_ephemeral = false;
      await checkBlockButton(args, suite.h.deps);
      expect(lastAnswer(suite.slack).body).toMatchObject({
        response_type: "in_channel",
        replace_original: false,
      });
    });

    it("falls back to chat.update of that message when the response URL has expired", async () => {
      const expired = await startFakeSlackApi();
      try {
        expired.expireResponseUrls();
        const value = encodePageValue({ request: { kind: "offset", limit: 15, offset: 30 }, page: 3 });
        const args = click("blocklist_next", value);
        args.body.container.is_ephemeral = false;
        args.body.response_url = expired.responseUrl();
        await blocklistPageButton(args, suite.h.deps);
        const updates = suite.slack.callsTo("chat.update");
        expect(updates.at(-1)?.body).toMatchObject({ channel: "C0MOD", ts: "1700000000.000100" });
        expect(String(updates.at(-1)?.body.text)).toContain("page 3 of 3");
      } finally {
        await expired.close();
      }
    });

    it("posts a row's answer to the channel for its clicker alone when the response URL has expired", async () => {
      const expired = await startFakeSlackApi();
      try {
        expired.expireResponseUrls();
        const args = click("check_block", encodeRowValue("+16315551000"));
        args.body.container.is_ephemeral = false;
        args.body.response_url = expired.responseUrl();
        await checkBlockButton(args, suite.h.deps);
        expect(suite.slack.callsTo("chat.update")).toHaveLength(0);
        const ephemeral = suite.slack.callsTo("chat.postEphemeral").at(-1)?.body;
        expect(ephemeral).toMatchObject({ channel: "C0MOD", user: "U0MOD" });
        expect(String(ephemeral?.text)).toContain("Blocked");
      } finally {
        await expired.close();
      }
    });
  });
});
