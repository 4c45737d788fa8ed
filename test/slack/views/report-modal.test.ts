import type { types } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { CallbackId } from "../../../src/slack/ids.js";
import { StaleInteractionError } from "../../../src/slack/input/errors.js";
import { readReportModal, renderReportModal } from "../../../src/slack/views/report-modal.js";
import { allText } from "./block-helpers.js";

/** The view as Slack sends it back on submit: the modal plus what the moderator entered. */
function submitted(
  modal: types.ModalView,
  entered: { number?: string; reason?: string; alsoBlock?: boolean },
): Record<string, unknown> {
  const values: Record<string, Record<string, Record<string, unknown>>> = {
    reason: { value: { type: "plain_text_input", value: entered.reason ?? null } },
    also_block: {
      value: { type: "checkboxes", selected_options: entered.alsoBlock ? [{ value: "block" }] : [] },
    },
  };
  if (entered.number !== undefined)
    values.number = { value: { type: "plain_text_input", value: entered.number } };
  return { ...modal, id: "V1", state: { values } };
}

describe("renderReportModal", () => {
  describe("for a relayed message with a known sender and message id", () => {
    const modal = renderReportModal({
      sender: "+16315551000",
      messageId: "ABGGFlA5Fpa",
      channelId: "C0RELAY",
    });

    it("shows the sender formatted for people and the message id, with no number input", () => {
      const text = allText(modal.blocks);
      expect(text).toContain("Sender: *+1 631-555-1000*");
      expect(text).toContain("Message id: `ABGGFlA5Fpa`");
      expect(modal.blocks.some((block) => block.block_id === "number")).toBe(false);
    });

    it("has an optional reason and an 'also block' checkbox", () => {
      const reason = modal.blocks.find((block) => block.block_id === "reason");
      expect(reason).toMatchObject({ type: "input", optional: true });
      expect(modal.blocks.find((block) => block.block_id === "also_block")).toMatchObject({
        type: "input",
        element: { type: "checkboxes" },
      });
    });

    it("is the report modal, with a submit button and a title within 24 characters", () => {
      expect(modal.callback_id).toBe(CallbackId.ReportModal);
      expect(modal.submit?.text).toBe("Report");
      expect(modal.title.text.length).toBeLessThanOrEqual(24);
    });

    it("reads back the number, message id, channel, reason and the checkbox on submit", () => {
      expect(readReportModal(submitted(modal, { reason: "threats", alsoBlock: true }), "US")).toEqual({
        ok: true,
        submission: {
          number: "+16315551000",
          messageId: "ABGGFlA5Fpa",
          channelId: "C0RELAY",
          reason: "threats",
          block: true,
        },
      });
    });

    it("refuses a reason of 60 characters or more under the reason field", () => {
      expect(readReportModal(submitted(modal, { reason: "z".repeat(70) }), "US")).toMatchObject({
        ok: false,
        errors: { reason: "reasons must be under 60 characters; this one has 70" },
        tooLong: true,
      });
    });

    it("treats an empty reason as none and an unticked box as no block", () => {
      const read = readReportModal(submitted(modal, { reason: "  " }), "US");
      expect(read).toMatchObject({ ok: true, submission: { block: false } });
      expect(read.ok && "reason" in read.submission).toBe(false);
    });
  });

  describe("for a message with no WhatsApp sender", () => {
    const modal = renderReportModal({ channelId: "C0GENERAL" });

    it("asks for the number and says WhatsApp will get the last 5 messages", () => {
      expect(modal.blocks.find((block) => block.block_id === "number")).toMatchObject({
        type: "input",
        element: { type: "plain_text_input", max_length: 40 },
      });
      expect(allText(modal.blocks)).toContain("WhatsApp will receive the contact's last 5 messages");
    });

    it("uses the number typed", () => {
      expect(readReportModal(submitted(modal, { number: " +1 631 555 1000 " }), "US")).toMatchObject({
        ok: true,
        submission: { number: "+1 631 555 1000", channelId: "C0GENERAL" },
      });
    });

    it("asks again when the number was left empty", () => {
      expect(readReportModal(submitted(modal, { number: "  " }), "US")).toMatchObject({
        ok: false,
        tooLong: false,
        errors: {
          number: "No number was typed. Type the number with its country code, like +1 631 555 1000.",
        },
      });
    });

    it("keeps the modal open on a number it cannot read, saying what is wrong and how to type it", () => {
      expect(
        readReportModal(submitted(modal, { number: "+1 631 55S", reason: "threats" }), "US"),
      ).toMatchObject({
        ok: false,
        tooLong: false,
        errors: {
          number:
            '"+1 631 55S" has a letter in it ("S"); a phone number is digits only. Type the number with its country code, like +1 631 555 1000.',
        },
      });
    });

    it("shows a problem with the number and one with the reason together", () => {
      const read = readReportModal(submitted(modal, { number: "+1 631", reason: "z".repeat(70) }), "US");
      expect(read.ok ? {} : read.errors).toEqual({
        number: expect.stringContaining('"+1 631" is too short to be a phone number.'),
        reason: "reasons must be under 60 characters; this one has 70",
      });
    });

    it("reads a number typed without a country code in the business country, and passes it on as typed", () => {
      expect(readReportModal(submitted(modal, { number: "98765 00101" }), "IN")).toMatchObject({
        ok: true,
        submission: { number: "98765 00101" },
      });
      // 14 digits: a number after +1, one too many after +91.
      const typed = "1234 5678 9012 34";
      expect(readReportModal(submitted(modal, { number: typed }), "US")).toMatchObject({ ok: true });
      const read = readReportModal(submitted(modal, { number: typed }), "IN");
      expect(read.ok ? {} : read.errors).toEqual({
        number: expect.stringContaining("with the country code +91 it has 16 digits"),
      });
    });
  });

  it("refuses a view whose context it cannot read", () => {
    const modal = renderReportModal({ sender: "+16315551000" });
    expect(() => readReportModal({ ...submitted(modal, {}), private_metadata: "not json" }, "US")).toThrow(
      StaleInteractionError,
    );
    expect(() => readReportModal({ nothing: true }, "US")).toThrow(StaleInteractionError);
  });
});
