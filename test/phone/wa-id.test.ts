import { describe, expect, it } from "vitest";
import { e164ToWaId, jidToWaId, waIdToE164, waIdToJid } from "../../src/phone/index.js";
import { refusal } from "./refusal.js";

describe("WhatsApp ids", () => {
  it("turns E.164 into a wa_id and back", () => {
    expect(e164ToWaId("+16315551000")).toBe("16315551000");
    expect(waIdToE164("16315551000")).toBe("+16315551000");
  });

  it("turns a wa_id into a JID", () => {
    expect(waIdToJid("16315551000")).toBe("16315551000@s.whatsapp.net");
  });

  describe("jidToWaId", () => {
    it.each([
      ["16315551000@s.whatsapp.net"],
      ["16315551000"],
      [" 16315551000@s.whatsapp.net "],
      ["16315551000@c.us"],
    ])("reads %j as 16315551000", (jid) => {
      expect(jidToWaId(jid)).toBe("16315551000");
    });

    it.each([
      ["120363041234567890@g.us", "not_a_number"],
      ["+16315551000", "not_a_number"],
      ["16315551000@example.com", "not_a_number"],
      ["abc", "not_a_number"],
      ["", "empty"],
      ["123@s.whatsapp.net", "too_short"],
      ["1234567890123456789@s.whatsapp.net", "too_long"],
    ])("refuses %j (%s)", (jid, reason) => {
      expect(refusal(() => jidToWaId(jid)).reason).toBe(reason);
    });

    it("says what a WhatsApp id looks like when refusing one", () => {
      expect(refusal(() => jidToWaId("120363041234567890@g.us")).message).toBe(
        '"120363041234567890@g.us" is not a WhatsApp contact id such as 16315551000 or 16315551000@s.whatsapp.net',
      );
    });
  });

  it("refuses an E.164 number without its +", () => {
    expect(refusal(() => e164ToWaId("16315551000")).message).toBe(
      '"16315551000" is not an E.164 number such as +16315551000',
    );
  });

  it("refuses a wa_id that is not digits", () => {
    expect(refusal(() => waIdToE164("1631555100x")).reason).toBe("not_a_number");
    expect(refusal(() => waIdToJid("")).reason).toBe("empty");
  });
});
