import { describe, expect, it } from "vitest";
import type { BlocklistPage, BlocklistPageRequest } from "../../../../src/whatsapp/backend.js";
import { WhatsAppUnsupportedError } from "../../../../src/whatsapp/errors.js";
import { startContract } from "./contract-harness.js";

const BLOCKLIST = "/v1/contacts/blocklist";

describe("paging the blocklist", () => {
  it("walks 35 blocked contacts 15 at a time, one call per page, with no previous or next at the ends", async () => {
    const { sandbox, client, calls } = await startContract();
    const pages: BlocklistPage[] = [];

    let request: BlocklistPageRequest | undefined = { kind: "offset", limit: 15, offset: 0 };
    while (request !== undefined) {
      const page: BlocklistPage = await client.blocklistPage(request);
      pages.push(page);
      request = page.next;
    }

    expect(pages.map((page) => [page.contacts.length, page.total])).toEqual([
      [15, 35],
      [15, 35],
      [5, 35],
    ]);
    expect(pages[0]).not.toHaveProperty("previous");
    expect(pages[1]).toMatchObject({
      previous: { kind: "offset", limit: 15, offset: 0 },
      next: { kind: "offset", limit: 15, offset: 30 },
    });
    expect(pages[2]).not.toHaveProperty("next");
    expect(pages.flatMap((page) => page.contacts.map((contact) => contact.waId))).toEqual(
      sandbox.state.blocklist,
    );
    expect(
      calls()
        .filter((call) => call.path.startsWith(BLOCKLIST))
        .map((call) => call.path),
    ).toEqual([
      `${BLOCKLIST}?limit=15&offset=0`,
      `${BLOCKLIST}?limit=15&offset=15`,
      `${BLOCKLIST}?limit=15&offset=30`,
    ]);
  });

  it("answers ids without the @s.whatsapp.net suffix the server sends", async () => {
    const { client } = await startContract();

    const page = await client.blocklistPage({ kind: "offset", limit: 2, offset: 0 });

    expect(page.contacts.map((contact) => contact.waId)).toEqual(["16315551010", "16315551011"]);
  });

  it("answers an empty page past the end, with the way back but no next", async () => {
    const { client } = await startContract();

    const page = await client.blocklistPage({ kind: "offset", limit: 15, offset: 45 });

    expect(page).toEqual({ contacts: [], total: 35, previous: { kind: "offset", limit: 15, offset: 30 } });
  });

  it("refuses a page of more than 200 rows before any call", async () => {
    const { client, calls } = await startContract();

    await expect(client.blocklistPage({ kind: "offset", limit: 201, offset: 0 })).rejects.toBeInstanceOf(
      WhatsAppUnsupportedError,
    );
    expect(calls()).toEqual([]);
  });
});
