import { describe, expect, it } from "vitest";
import { formatMessageReference, parseSenderReference } from "../../src/relay/message-reference.js";

const MESSAGE_ID = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=";
const BSUID = "US.13491208655302741918";

describe("the visible message reference", () => {
  it.each([
    [
      "a wa_id",
      { waId: "16505551234", messageId: MESSAGE_ID },
      `wa_id: 16505551234 · message id: ${MESSAGE_ID}`,
    ],
    ["a BSUID", { bsuid: BSUID, messageId: MESSAGE_ID }, `user_id: ${BSUID} · message id: ${MESSAGE_ID}`],
    [
      "both ids",
      { waId: "16505551234", bsuid: BSUID, messageId: MESSAGE_ID },
      `wa_id: 16505551234 · user_id: ${BSUID} · message id: ${MESSAGE_ID}`,
    ],
  ])("names %s and reads back to the same ids", (_, reference, text) => {
    expect(formatMessageReference(reference)).toBe(text);
    expect(parseSenderReference(`Report this · ${text}`)).toEqual(reference);
  });

  it("reads an id written in backticks, as a moderator may paste it", () => {
    expect(parseSenderReference(`user_id: \`${BSUID}\` · message id: \`${MESSAGE_ID}\``)).toEqual({
      bsuid: BSUID,
      messageId: MESSAGE_ID,
    });
  });

  it("finds no sender in a message id alone", () => {
    expect(parseSenderReference(`message id: ${MESSAGE_ID}`)).toBeUndefined();
  });
});
