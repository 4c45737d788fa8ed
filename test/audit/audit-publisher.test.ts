import { describe, expect, it } from "vitest";
import { createAuditPublisher } from "../../src/audit/audit-publisher.js";
import type { AuditRecord } from "../../src/moderation/types.js";
import { allText } from "../slack/views/block-helpers.js";
import { captureLogger } from "../support/capture-logger.js";

const record: AuditRecord = {
  id: "aud_01",
  at: "2024-06-10T12:00:00.000Z",
  actor: "U024BE7LH",
  action: "block",
  contact: "+16315551234",
  reason: "spam",
  outcome: "ok",
};

describe("createAuditPublisher", () => {
  describe("with AUDIT_CHANNEL set", () => {
    it("posts to that channel a line naming the actor, the action, the contact, the reason and the outcome", async () => {
      const posted: Array<{ channel: string; text: string; blocks: unknown[] }> = [];
      const publish = createAuditPublisher({
        channel: "C0AUDIT",
        logger: captureLogger(),
        post: async (message) => posted.push(message),
      });

      await publish(record);

      expect(posted).toHaveLength(1);
      expect(posted[0]?.channel).toBe("C0AUDIT");
      const shown = allText(posted[0]?.blocks ?? []);
      expect(shown).toContain("<@U024BE7LH>");
      expect(shown).toContain("blocked");
      expect(shown).toContain("+1 631-555-1234");
      expect(shown).toContain("spam");
      expect(shown).toContain("✅");
    });

    it("logs a failed post as a warning and resolves, since the record is already stored", async () => {
      const logger = captureLogger();
      const publish = createAuditPublisher({
        channel: "C0AUDIT",
        logger,
        post: () => Promise.reject(new Error("An API error occurred: not_in_channel")),
      });

      await expect(publish(record)).resolves.toBeUndefined();

      const warning = logger.lines.find((line) => line.includes('"level":"warn"'));
      expect(warning).toContain("aud_01");
      expect(warning).toContain("not_in_channel");
    });
  });

  describe("without AUDIT_CHANNEL", () => {
    it("posts nothing", async () => {
      const posted: unknown[] = [];
      const publish = createAuditPublisher({
        channel: undefined,
        logger: captureLogger(),
        post: async (message) => posted.push(message),
      });

      await publish(record);

      expect(posted).toEqual([]);
    });
  });
});
