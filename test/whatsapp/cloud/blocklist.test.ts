import { afterEach, describe, expect, it } from "vitest";
import { WhatsAppApiError, WhatsAppUnsupportedError } from "../../../src/whatsapp/errors.js";
import { closeHarnesses, fixture, fixtureText, harness, JSON_HEADERS, USERS_PATH } from "./fake-graph.js";

afterEach(closeHarnesses);

const ANY_PAGE = { path: (path: string) => path.startsWith(`${USERS_PATH}?`), method: "GET" } as const;
const META_PAGE = "meta-docs-blocklist-page-limit10.json";
const CURSOR = fixture(META_PAGE).paging.cursors.after as string;
const NEXT_URL = `https://graph.facebook.com/v25.0/106540352242922/block_users?limit=2&after=${CURSOR}`;

/**
 * Meta's page with each row's wa_id swapped for a BSUID, as the contract says a BSUID-only user is listed
 * (no published example has such rows).
 */
function bsuidOnlyPage() {
  const page = fixture(META_PAGE);
  page.data = page.data.map((_row: unknown, index: number) => ({
    messaging_product: "whatsapp",
    user_id: `US.1349120865530274191${index}`,
  }));
  return page;
}

describe("the Cloud client's blocklist pages", () => {
  it("asks for one page by limit and cursor, with a JSON content type even on GET", async () => {
    const { server, client, requests } = harness();
    server.intercept(ANY_PAGE).reply(200, fixtureText(META_PAGE), JSON_HEADERS).times(2);

    await client.blocklistPage({ kind: "cursor", limit: 10, after: "QVFIUmFfter" });
    await client.blocklistPage({ kind: "cursor", limit: 10, before: "QVFIUmbefore" });

    expect(requests().map((request) => request.query)).toEqual([
      { limit: "10", after: "QVFIUmFfter" },
      { limit: "10", before: "QVFIUmbefore" },
    ]);
    expect(requests()[0]).toMatchObject({
      method: "GET",
      headers: { "content-type": "application/json", accept: "application/json" },
    });
  });

  it("reads Meta's example as wa_ids; a short page has no Next and no Previous", async () => {
    const { server, client } = harness();
    server.intercept(ANY_PAGE).reply(200, fixtureText(META_PAGE), JSON_HEADERS);

    const page = await client.blocklistPage({ kind: "cursor", limit: 10 });

    expect(page).toEqual({ contacts: [{ waId: "16505551234" }, { waId: "14155559876" }] });
  });

  it("offers Next from cursors.after when the page is full, though Graph gave no paging.next", async () => {
    const { server, client } = harness();
    server
      .intercept(ANY_PAGE)
      .reply(200, fixtureText("openapi-v23-get-blocked-users-200.json"), JSON_HEADERS);

    const page = await client.blocklistPage({ kind: "cursor", limit: 1 });

    expect(page.contacts).toEqual([{ waId: "16505551234" }]);
    expect(page.next).toEqual({ kind: "cursor", limit: 1, after: CURSOR });
    expect(page.previous).toBeUndefined();
  });

  it("offers Next whenever Graph gives paging.next, and Previous with paging.previous", async () => {
    const { server, client } = harness();
    const answer = fixture(META_PAGE);
    answer.paging.next = NEXT_URL;
    answer.paging.previous = NEXT_URL.replace("after=", "before=");
    server.intercept(ANY_PAGE).reply(200, answer, JSON_HEADERS);

    const page = await client.blocklistPage({ kind: "cursor", limit: 10, after: "earlier" });

    expect(page.next).toEqual({ kind: "cursor", limit: 10, after: CURSOR });
    expect(page.previous).toEqual({ kind: "cursor", limit: 10, before: CURSOR });
  });

  it("ends at an empty page after a full one", async () => {
    const { server, client } = harness();
    const empty = fixture(META_PAGE);
    empty.data = [];
    server.intercept(ANY_PAGE).reply(200, empty, JSON_HEADERS);

    const page = await client.blocklistPage({ kind: "cursor", limit: 2, after: CURSOR });

    expect(page).toEqual({ contacts: [] });
  });

  it("lists users known only by their BSUID, and both ids when Graph gives both", async () => {
    const { server, client } = harness();
    const answer = bsuidOnlyPage();
    answer.data[1].wa_id = "14155559876";
    answer.data[1].parent_user_id = "US.ENT.99";
    server.intercept(ANY_PAGE).reply(200, answer, JSON_HEADERS);

    const page = await client.blocklistPage({ kind: "cursor", limit: 2 });

    expect(page.contacts).toEqual([
      { bsuid: "US.13491208655302741910" },
      { waId: "14155559876", bsuid: "US.13491208655302741911" },
    ]);
    expect(page.next).toEqual({ kind: "cursor", limit: 2, after: CURSOR });
  });

  it("throws 139102 (the list changed while paging) as Graph's error, unretried", async () => {
    const { server, client, requests } = harness();
    server
      .intercept(ANY_PAGE)
      .reply(400, fixtureText("meta-docs-error-139102-blocklist-concurrent-update.json"), JSON_HEADERS)
      .persist();

    const error = await client
      .blocklistPage({ kind: "cursor", limit: 15, after: CURSOR })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(WhatsAppApiError);
    expect(error).toMatchObject({
      waCode: 139102,
      title: "(#139102) Blocklist concurrent update",
      details: "Blocklist was updated during retrieval - retry with offset 0",
      // Meta's example has an empty fbtrace_id: no id at all.
      fbtraceId: undefined,
    });
    expect(requests()).toHaveLength(1);
  });

  it("refuses an offset request before any call", async () => {
    const { client, requests } = harness();

    await expect(client.blocklistPage({ kind: "offset", limit: 15, offset: 0 })).rejects.toBeInstanceOf(
      WhatsAppUnsupportedError,
    );
    await expect(client.blocklistPage({ kind: "cursor", limit: 0 })).rejects.toBeInstanceOf(
      WhatsAppUnsupportedError,
    );
    expect(requests()).toHaveLength(0);
  });
});
