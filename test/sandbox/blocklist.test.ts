import { describe, expect, it } from "vitest";
import { errorOf, loggedIn } from "./sandbox-harness.js";

interface BlocklistBody {
  contacts: Array<{ wa_id: string }>;
  pagination: { limit: number; offset: number; total: number };
}

describe("GET /v1/contacts/blocklist", () => {
  describe("paging the default seed by 15", () => {
    it("gives three pages of 15, 15 and 5, each with the total", async () => {
      const { call } = await loggedIn();
      const pages: BlocklistBody[] = [];
      for (const offset of [0, 15, 30]) {
        const response = await call("GET", `/v1/contacts/blocklist?limit=15&offset=${offset}`);
        expect(response.status).toBe(200);
        pages.push(response.body as BlocklistBody);
      }
      expect(pages.map((page) => page.contacts.length)).toEqual([15, 15, 5]);
      expect(pages.map((page) => page.pagination)).toEqual([
        { limit: 15, offset: 0, total: 35 },
        { limit: 15, offset: 15, total: 35 },
        { limit: 15, offset: 30, total: 35 },
      ]);
    });

    it("lists contacts as JIDs in the order they were blocked, without repeats across pages", async () => {
      const { sandbox, call } = await loggedIn();
      const first = (await call("GET", "/v1/contacts/blocklist?limit=15")).body as BlocklistBody;
      const second = (await call("GET", "/v1/contacts/blocklist?limit=15&offset=15")).body as BlocklistBody;
      const ids = [...first.contacts, ...second.contacts].map((contact) => contact.wa_id);
      expect(ids[0]).toBe("16315551010@s.whatsapp.net");
      expect(ids).toEqual(sandbox.state.blocklist.slice(0, 30).map((waId) => `${waId}@s.whatsapp.net`));
    });
  });

  it("answers up to 100 contacts from offset 0 by default", async () => {
    const { call } = await loggedIn();
    const body = (await call("GET", "/v1/contacts/blocklist")).body as BlocklistBody;
    expect(body.contacts).toHaveLength(35);
    expect(body.pagination).toEqual({ limit: 100, offset: 0, total: 35 });
  });

  it("answers an empty page past the end, still with the total", async () => {
    const { call } = await loggedIn();
    const response = await call("GET", "/v1/contacts/blocklist?limit=15&offset=45");
    expect(response.body).toMatchObject({ contacts: [], pagination: { limit: 15, offset: 45, total: 35 } });
  });

  it("shows a block and an unblock on the next read", async () => {
    const { call } = await loggedIn();
    await call("POST", "/v1/contacts/%2B16315551001/block");
    await call("POST", "/v1/contacts/%2B16315551010/unblock");
    const body = (await call("GET", "/v1/contacts/blocklist?limit=200")).body as BlocklistBody;
    const ids = body.contacts.map((contact) => contact.wa_id);
    expect(ids.at(-1)).toBe("16315551001@s.whatsapp.net");
    expect(ids).not.toContain("16315551010@s.whatsapp.net");
    expect(body.pagination.total).toBe(35);
  });

  describe("with a limit outside (0, 200] or a bad offset", () => {
    it.each(["limit=0", "limit=201", "limit=ten", "limit=1.5", "offset=-1", "offset=x"])(
      "answers 1009 for %s",
      async (query) => {
        const { call } = await loggedIn();
        const response = await call("GET", `/v1/contacts/blocklist?${query}`);
        expect(response.status).toBe(400);
        expect(errorOf(response)).toMatchObject({ code: 1009, title: "Parameter value is not valid" });
      },
    );

    it("takes the largest limit, 200", async () => {
      const { call } = await loggedIn();
      expect((await call("GET", "/v1/contacts/blocklist?limit=200")).status).toBe(200);
    });
  });
});
