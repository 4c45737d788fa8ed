import { describe, expect, it } from "vitest";
import { readCloudDelivery } from "../../src/relay/cloud-notification.js";
import { BSUID, FIXTURES, fixtureJson } from "./cloud-fixtures.js";
import { cloudDelivery, messagesChange } from "./fixtures.js";

const NEW_BSUID = "US.99999999999999999999";
const identitiesOf = (body: unknown) => readCloudDelivery(body).identities;

describe("the ids a Cloud delivery links (docs/CONTRACT.md §1.3)", () => {
  describe("from contacts[] and the messages' senders", () => {
    it("links a BSUID to a username when no number is given", () => {
      expect(identitiesOf(fixtureJson(FIXTURES.bsuidInbound))).toEqual([
        { bsuid: BSUID, username: "@realsheenanelson" },
      ]);
    });

    it("links a wa_id to a BSUID", () => {
      expect(identitiesOf(fixtureJson(FIXTURES.pywaText))).toEqual([{ waId: "972987654321", bsuid: BSUID }]);
    });

    it("links a message's from to its from_user_id, even without a contacts array", () => {
      const body = cloudDelivery([
        [
          messagesChange({
            messages: [
              { from: "16505551234", from_user_id: BSUID, id: "wamid.X1", timestamp: "1", type: "text" },
            ],
          }),
        ],
      ]);
      expect(identitiesOf(body)).toEqual([{ waId: "16505551234", bsuid: BSUID }]);
    });

    it("learns nothing from a lone number", () => {
      expect(identitiesOf(fixtureJson(FIXTURES.openapiText))).toEqual([]);
      expect(identitiesOf(fixtureJson(FIXTURES.emulatorAscii))).toEqual([]);
    });
  });

  describe("from statuses", () => {
    it("links the recipient's number, BSUID and username", () => {
      expect(identitiesOf(fixtureJson(FIXTURES.statusToPhone))).toEqual([
        { waId: "16505551234", bsuid: BSUID, username: "@pablomorales" },
        { waId: "16505551234", bsuid: BSUID },
      ]);
    });

    it("links the BSUID and username of a status sent to a BSUID", () => {
      expect(identitiesOf(fixtureJson(FIXTURES.statusToBsuid))).toEqual([
        { bsuid: BSUID, username: "@pablomorales" },
      ]);
    });

    it("learns nothing from a failed status that names a number only", () => {
      expect(identitiesOf(fixtureJson(FIXTURES.statusFailed))).toEqual([]);
    });

    it("skips statuses of group messages, which name the group", () => {
      const status = { id: "wamid.G", status: "read", timestamp: "1", recipient_type: "group" };
      const body = cloudDelivery([
        [messagesChange({ statuses: [{ ...status, recipient_id: "120363", recipient_user_id: BSUID }] })],
      ]);
      expect(identitiesOf(body)).toEqual([]);
    });
  });

  describe("from id changes", () => {
    const change = { wa_id: "16505551234", user_id: { previous: BSUID, current: NEW_BSUID } };
    const expected = [{ waId: "16505551234", bsuid: NEW_BSUID, previousBsuid: BSUID }];

    it.each([
      ["in value.user_id_update[]", { messaging_product: "whatsapp", user_id_update: [change] }],
      ["as the value itself", { messaging_product: "whatsapp", ...change }],
    ])("reads a user_id_update %s", (_, value) => {
      expect(identitiesOf(cloudDelivery([[{ field: "user_id_update", value }]]))).toEqual(expected);
    });

    it("notes a user_id_update without a current BSUID", () => {
      const delivery = readCloudDelivery(
        cloudDelivery([[{ field: "user_id_update", value: { wa_id: "1" } }]]),
      );
      expect(delivery.ignored).toEqual(["entry 0 change 0: user_id_update without user_id.current"]);
    });

    it("reads a user_changed_user_id system message, and still relays it", () => {
      const system = { body: "User changed", type: "user_changed_user_id", user_id: NEW_BSUID };
      const message = { from_user_id: BSUID, id: "wamid.S1", timestamp: "1", type: "system", system };
      const delivery = readCloudDelivery(cloudDelivery([[messagesChange({ messages: [message] })]]));

      expect(delivery.identities).toEqual([{ bsuid: NEW_BSUID, previousBsuid: BSUID }]);
      expect(delivery.messages).toEqual([
        expect.objectContaining({ bsuid: BSUID, mediaNote: "⚙️ system message", text: "User changed" }),
      ]);
    });

    it("reads a user_changed_number system message", () => {
      const system = { body: "User changed number", type: "user_changed_number", wa_id: "12195555358" };
      const message = {
        from: "16505551234",
        from_user_id: BSUID,
        id: "wamid.S2",
        timestamp: "1",
        type: "system",
        system,
      };
      expect(identitiesOf(cloudDelivery([[messagesChange({ messages: [message] })]]))).toEqual([
        { waId: "16505551234", bsuid: BSUID },
        { waId: "12195555358", bsuid: BSUID },
      ]);
    });
  });
});
