import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createStoreContactDirectory,
  type StoreContactDirectory,
} from "../../src/relay/contact-directory.js";
import { type AppStore, createStore } from "../../src/store/index.js";
import { captureLogger } from "../support/capture-logger.js";
import { STORE_TARGETS, uniquePrefix } from "../support/store-targets.js";

const BSUID = "US.13491208655302741918";
const NEW_BSUID = "US.99999999999999999999";
const T0 = Date.parse("2026-06-01T12:00:00Z");
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

for (const target of STORE_TARGETS) {
  describe.skipIf(!target.available)(
    `contact directory on the ${target.name} store${target.skipReason}`,
    () => {
      let store: AppStore;
      let directory: StoreContactDirectory;
      let clock = T0;

      beforeEach(async () => {
        store = await createStore(await target.url(), {
          prefix: uniquePrefix(),
          purgeIntervalMs: false,
          logger: captureLogger(),
        });
        clock = T0;
        directory = createStoreContactDirectory(store, { now: () => clock });
      });
      afterEach(async () => {
        await store.close();
      });

      it("finds a learned identity by its wa_id and by its BSUID", async () => {
        await directory.learn({ waId: "16505551234", bsuid: BSUID, username: "@pablomorales" });

        const expected = { waId: "16505551234", bsuid: BSUID, username: "@pablomorales", seenAt: at(0) };
        expect(await directory.byWaId("16505551234")).toEqual(expected);
        expect(await directory.byBsuid(BSUID)).toEqual(expected);
      });

      it("knows nothing of an id it never saw", async () => {
        expect(await directory.byWaId("16505550000")).toBeUndefined();
        expect(await directory.byBsuid("US.1")).toBeUndefined();
      });

      it("keeps a username-only user, known by BSUID alone", async () => {
        await directory.learn({ bsuid: BSUID, username: "@realsheenanelson" });

        expect(await directory.byBsuid(BSUID)).toEqual({
          bsuid: BSUID,
          username: "@realsheenanelson",
          seenAt: at(0),
        });
      });

      it("merges what later webhooks say: new facts win, facts they leave out stay", async () => {
        await directory.learn({ bsuid: BSUID, username: "@old" });
        clock = T0 + 60_000;
        await directory.learn({ waId: "16505551234", bsuid: BSUID });
        clock = T0 + 120_000;
        await directory.learn({ bsuid: BSUID, username: "@new" });

        const expected = { waId: "16505551234", bsuid: BSUID, username: "@new", seenAt: at(2) };
        expect(await directory.byBsuid(BSUID)).toEqual(expected);
        expect(await directory.byWaId("16505551234")).toEqual(expected);
      });

      it("follows a BSUID change: the number and the old BSUID lead to the new one", async () => {
        await directory.learn({ waId: "16505551234", bsuid: BSUID, username: "@pablomorales" });
        clock = T0 + 60_000;
        await directory.learn({ bsuid: NEW_BSUID, previousBsuid: BSUID });

        const expected = { waId: "16505551234", bsuid: NEW_BSUID, username: "@pablomorales", seenAt: at(1) };
        expect(await directory.byBsuid(NEW_BSUID)).toEqual(expected);
        expect(await directory.byBsuid(BSUID)).toEqual(expected);
        expect(await directory.byWaId("16505551234")).toEqual(expected);
      });

      it("follows a number change: the BSUID leads to the new number", async () => {
        await directory.learn({ waId: "16505551234", bsuid: BSUID });
        clock = T0 + 60_000;
        await directory.learn({ waId: "12195555358", bsuid: BSUID });

        expect(await directory.byBsuid(BSUID)).toMatchObject({ waId: "12195555358" });
        expect(await directory.byWaId("12195555358")).toMatchObject({ bsuid: BSUID });
      });

      it("is shared by every directory on the same store, as replicas are", async () => {
        await directory.learn({ waId: "16505551234", bsuid: BSUID });

        const other = createStoreContactDirectory(store);
        expect(await other.byWaId("16505551234")).toMatchObject({ bsuid: BSUID });
      });
    },
  );
}
