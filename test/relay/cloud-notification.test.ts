import { describe, expect, it } from "vitest";
import { readCloudDelivery } from "../../src/relay/cloud-notification.js";
import { BSUID, FIXTURES, fixtureJson } from "./cloud-fixtures.js";
import { batchDelivery, cloudDelivery, cloudText, messagesChange } from "./fixtures.js";

const MESSAGE_ID = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=";
const text = (id: string, sender: Record<string, string>) => ({
  ...sender,
  id,
  timestamp: "1749416383",
  type: "text",
  text: { body: `text of ${id}` },
});

describe("readCloudDelivery", () => {
  describe("with Meta's BSUID example: a username, no from and no wa_id", () => {
    it("relays the message from the BSUID, with the username and profile name", () => {
      const delivery = readCloudDelivery(fixtureJson(FIXTURES.bsuidInbound));

      expect(delivery.messages).toEqual([
        {
          bsuid: BSUID,
          username: "@realsheenanelson",
          profileName: "Sheena Nelson",
          messageId: MESSAGE_ID,
          timestamp: 1749416383,
          type: "text",
          text: "Does it come in another color?",
        },
      ]);
      expect(delivery.ignored).toEqual([]);
    });
  });

  describe("with the 2025 draft's empty from and wa_id", () => {
    it("reads the empty ids as absent and relays the message from its user id", () => {
      const delivery = readCloudDelivery(fixtureJson(FIXTURES.draftInbound));

      expect(delivery.messages).toEqual([
        expect.objectContaining({
          bsuid: "user.93737...",
          username: "@realsheenanelson",
          messageId: MESSAGE_ID,
        }),
      ]);
      expect(delivery.messages[0]).not.toHaveProperty("waId");
      expect(delivery.ignored).toEqual([]);
    });
  });

  describe("with numbers", () => {
    it("relays the OpenAPI example from its wa_id, named from its contact", () => {
      expect(readCloudDelivery(fixtureJson(FIXTURES.openapiText)).messages).toEqual([
        {
          waId: "16505551234",
          profileName: "Sheena Nelson",
          messageId: MESSAGE_ID,
          timestamp: 1749416383,
          type: "text",
          text: "Does it come in another color?",
        },
      ]);
    });

    it("takes the BSUID of the sender's contact when the message gives only `from` (pywa)", () => {
      expect(readCloudDelivery(fixtureJson(FIXTURES.pywaText)).messages).toEqual([
        expect.objectContaining({
          waId: "972987654321",
          bsuid: BSUID,
          profileName: "Test Name",
          text: "Body Text",
        }),
      ]);
    });

    it("reads non-ASCII text from the emulator's bytes", () => {
      expect(readCloudDelivery(fixtureJson(FIXTURES.emulatorNonAscii)).messages).toEqual([
        expect.objectContaining({ waId: "16505551234", profileName: "Zoë", text: "J'ai mangé des pâtes 🙂" }),
      ]);
    });
  });

  describe("with deliveries that hold no message", () => {
    it.each([FIXTURES.statusToPhone, FIXTURES.statusToBsuid, FIXTURES.statusFailed])(
      "counts the statuses of %s and relays nothing",
      (name) => {
        const delivery = readCloudDelivery(fixtureJson(name));
        expect(delivery).toMatchObject({ messages: [], statuses: 1, ignored: [] });
      },
    );
  });

  describe("with parts it cannot use", () => {
    it("notes other fields, malformed entries and changes, and messages without an id or a sender", () => {
      const delivery = readCloudDelivery(
        cloudDelivery([
          [{ field: "account_update", value: { event: "VERIFIED_ACCOUNT" } }, { value: {} }],
          "not an entry" as unknown as unknown[],
          [
            messagesChange({
              messages: [
                { from: "16505551234", timestamp: "1749416383", type: "text" },
                text("wamid.NOSENDER", {}),
                text("wamid.GOOD", { from: "16505551234" }),
              ],
            }),
          ],
        ]),
      );

      expect(delivery.messages.map((message) => message.messageId)).toEqual(["wamid.GOOD"]);
      expect(delivery.ignored).toEqual([
        'entry 0 change 0: field "account_update" is not relayed',
        "entry 0 change 1: field: Invalid input: expected string, received undefined",
        expect.stringMatching(/^entry 1: /),
        expect.stringMatching(/^entry 2 change 0 message 0: id: /),
        "entry 2 change 0 message wamid.NOSENDER: no sender id",
      ]);
    });

    it.each([
      ["another object", { object: "page", entry: [] }],
      ["an array", [cloudText]],
      ["a string", "hello"],
    ])("notes a body that is %s and reads nothing from it", (_, body) => {
      const delivery = readCloudDelivery(body);
      expect(delivery).toMatchObject({ messages: [], identities: [], statuses: 0 });
      expect(delivery.ignored).toEqual([
        expect.stringMatching(/^not a WhatsApp Business Account notification/),
      ]);
    });
  });

  describe("with a batch of 1,000 updates", () => {
    it("reads every message of every change of every entry, in order", () => {
      const delivery = readCloudDelivery(batchDelivery(10, 10, 10));

      expect(delivery.messages).toHaveLength(1000);
      expect(delivery.messages[0]?.messageId).toBe("wamid.BATCH0.0.0");
      expect(delivery.messages[999]?.messageId).toBe("wamid.BATCH9.9.9");
      expect(delivery.identities).toHaveLength(100);
      expect(delivery.ignored).toEqual([]);
    });
  });
});
