import { describe, expect, it } from "vitest";
import { message, NOON_JUNE_10, setup } from "./relay-harness.js";

const BSUID = "US.13491208655302741918";

describe("relayed senders known by a BSUID (docs/CONTRACT.md §1.3, §5)", () => {
  describe("when WhatsApp gave no number", () => {
    const bsuidOnly = (id: string) =>
      message(id, { waId: undefined, bsuid: BSUID, username: "@realsheenanelson" });

    it("puts the BSUID in the metadata as user_id, with no wa_id", async () => {
      const { deliver, posts } = setup();

      await deliver(bsuidOnly("wamid.B1"));

      expect(posts[0]?.metadata).toEqual({
        event_type: "whatsapp_inbound_message",
        event_payload: { user_id: BSUID, message_id: "wamid.B1", timestamp: NOON_JUNE_10 },
      });
    });

    it("threads the contact's messages of the day under the first, apart from other contacts", async () => {
      const { deliverAll, posts } = setup();

      await deliverAll([bsuidOnly("wamid.B1"), message("wamid.A1"), bsuidOnly("wamid.B2")]);

      expect(posts.map((post) => post.thread_ts)).toEqual([undefined, undefined, "1718020800.000101"]);
    });
  });

  describe("when WhatsApp gave both ids", () => {
    it("names both ids in the metadata", async () => {
      const { deliver, posts } = setup();

      await deliver(message("wamid.C1", { bsuid: BSUID }));

      expect(posts[0]?.metadata.event_payload).toEqual({
        wa_id: "16315551234",
        user_id: BSUID,
        message_id: "wamid.C1",
        timestamp: NOON_JUNE_10,
      });
    });
  });
});
