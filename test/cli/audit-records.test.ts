import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listAuditRecords } from "../../src/moderation/audit-listing.js";
import { createAuditTrail } from "../../src/moderation/audit-trail.js";
import type { AuditRecord } from "../../src/moderation/types.js";
import { type AppStore, createStore } from "../../src/store/index.js";
import { requireServers } from "../store/servers.js";
import { captureLogger } from "../support/capture-logger.js";
import { STORE_TARGETS, uniquePrefix } from "../support/store-targets.js";

/**
 * `audit export` reads every record of the audit trail from the store the bot writes it to (docs/CONTRACT.md §5,
 * §6), on each kind of store: its per-contact sequence counters are not records, and other namespaces are not read.
 */

const at = (minute: number) => new Date(Date.UTC(2026, 4, 1, 12, minute)).toISOString();

function record(contact: string, minute: number, actor = "cli:maria"): Omit<AuditRecord, "id"> {
  return { at: at(minute), actor, action: "block", contact, outcome: "ok", reason: `spam ${minute}` };
}

for (const target of STORE_TARGETS) {
  describe.skipIf(!target.available && !requireServers)(`the audit records on ${target.name}`, () => {
    let store: AppStore;
    beforeEach(async () => {
      const url = await target.url();
      store = await createStore(url, {
        prefix: uniquePrefix(),
        purgeIntervalMs: false,
        logger: captureLogger(),
      });
    });
    afterEach(() => store.close());

    it("are listed oldest first, every contact's, without the counters and other namespaces", async () => {
      const trail = createAuditTrail(store);
      // Appended out of order, several per contact (each bumps the contact's sequence counter).
      const appended = [
        await trail.append(record("+16315551001", 5)),
        await trail.append(record("+16315551002", 1, "U0MODERATOR")),
        await trail.append(record("+16315551001", 9)),
        await trail.append(record("US.13491208655302741918", 3)),
      ];
      await store.namespace("cache").set("cli-import:abc:as-listed:2", { at: at(0) });
      const listed = await listAuditRecords(store);
      expect(listed.map((entry) => entry.id)).toEqual(
        [appended[1], appended[3], appended[0], appended[2]].map((entry) => entry?.id),
      );
      expect(listed[0]).toEqual(appended[1]);
    });

    it("are listed from a date on with --since", async () => {
      const trail = createAuditTrail(store);
      for (const minute of [1, 2, 3, 4]) await trail.append(record("+16315551003", minute));
      const listed = await listAuditRecords(store, new Date(at(3)));
      expect(listed.map((entry) => entry.at)).toEqual([at(3), at(4)]);
    });
  });
}
