import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createInboundLog, type InboundLog } from "../../src/relay/inbound-log.js";
import { type AppStore, createStore } from "../../src/store/index.js";
import { captureLogger } from "../support/capture-logger.js";
import { STORE_TARGETS, uniquePrefix } from "../support/store-targets.js";

const inbound = { contact: "16315551002", messageId: "wamid.REL000000001", at: "2024-06-10T12:00:00.000Z" };

for (const target of STORE_TARGETS) {
  describe.skipIf(!target.available)(`inbound log on the ${target.name} store${target.skipReason}`, () => {
    let store: AppStore;
    let log: InboundLog;

    beforeEach(async () => {
      store = await createStore(await target.url(), {
        prefix: uniquePrefix(),
        purgeIntervalMs: false,
        logger: captureLogger(),
      });
      log = createInboundLog(store);
    });
    afterEach(async () => {
      await store.close();
    });

    it("keeps each contact's last inbound message under its key, a BSUID as well as a wa_id", async () => {
      const byBsuid = { contact: "US.13491208655302741918", messageId: "wamid.REL000000003", at: inbound.at };
      await log.record(inbound);
      await log.record(byBsuid);

      expect(await log.last(byBsuid.contact)).toEqual(byBsuid);
      expect(await log.last(inbound.contact)).toEqual(inbound);
    });

    it("records a message id once: a later delivery of it is a repeat", async () => {
      expect(await log.record(inbound)).toBe(true);
      expect(await log.record(inbound)).toBe(false);
      expect(await log.record({ ...inbound, messageId: "wamid.REL000000002" })).toBe(true);
    });
  });
}
