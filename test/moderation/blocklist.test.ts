import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBlocklistPages } from "../../src/moderation/blocklist.js";
import { type AppStore, createStore } from "../../src/store/index.js";
import type { BlocklistPage } from "../../src/whatsapp/backend.js";
import { captureLogger } from "../support/capture-logger.js";
import { STORE_TARGETS, uniquePrefix } from "../support/store-targets.js";

const sqlite = STORE_TARGETS[0];

describe("blocklist pages", () => {
  let store: AppStore;
  beforeEach(async () => {
    store = await createStore((await sqlite?.url()) ?? "", {
      prefix: uniquePrefix(),
      purgeIntervalMs: false,
      logger: captureLogger(),
    });
  });
  afterEach(async () => {
    await store.close();
  });

  const pagesOf = (page: BlocklistPage) =>
    createBlocklistPages(
      {
        capabilities: { upstreamCheck: true, upstreamReport: true, blocklistPaging: "offset" },
        blocklistPage: async () => page,
      },
      store,
      10,
      captureLogger(),
    );

  it("shows an id that is not a phone number as WhatsApp gave it, among the numbers, with no E.164", async () => {
    const pages = pagesOf({
      contacts: [{ waId: "16315551090" }, { waId: "123" }, { waId: "120363000000000000@g.us" }],
      total: 3,
    });
    const view = await pages.view(1);
    expect(view.rows).toEqual([
      { waId: "16315551090", e164: "+16315551090", display: "+1 631-555-1090" },
      { waId: "123", display: "123" },
      { waId: "120363000000000000@g.us", display: "120363000000000000@g.us" },
    ]);
    expect(view.total).toBe(3);
  });
});
