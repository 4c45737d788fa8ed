import { afterEach, describe, expect, it } from "vitest";
import { WhatsAppUnsupportedError } from "../../../src/whatsapp/errors.js";
import { BLOCK_PATH, closeHarnesses, failure, harness, ok } from "./fake-on-prem.js";

afterEach(closeHarnesses);

const BLOCKLIST = "/v1/contacts/blocklist";

function blocklistAnswer(waIds: string[], limit: number, offset: number, total: number) {
  return ok({
    contacts: waIds.map((waId) => ({ wa_id: `${waId}@s.whatsapp.net` })),
    pagination: { limit, offset, total },
  });
}

describe("the On-Premises client's endpoints", () => {
  it("names itself and says what it can do", () => {
    const { client } = harness({ name: "sandbox" });

    expect(client.name).toBe("sandbox");
    expect(client.capabilities).toEqual({
      upstreamCheck: true,
      upstreamReport: true,
      blocklistPaging: "offset",
    });
  });

  describe("block and unblock", () => {
    it("puts the URL-encoded E.164 number in the path and the reason in the body", async () => {
      const { server, client, requests } = harness();
      server.intercept({ path: BLOCK_PATH, method: "POST" }).reply(200, ok()).times(2);

      await client.block({ e164: "+16315551000" }, "scam links");
      await client.block({ e164: "+16315551000" });

      expect(requests(BLOCK_PATH).map((call) => call.body)).toEqual([{ reason: "scam links" }, {}]);
    });

    it("accepts an empty 200 answer as done", async () => {
      const { server, client } = harness();
      server.intercept({ path: BLOCK_PATH, method: "POST" }).reply(200, "");

      await expect(client.block({ e164: "+16315551000" })).resolves.toEqual({ resent: false });
    });

    it("unblocks with POST …/unblock", async () => {
      const { server, client, requests } = harness();
      server.intercept({ path: "/v1/contacts/%2B5491156121008/unblock", method: "POST" }).reply(200, ok());

      await client.unblock({ e164: "+5491156121008" });

      expect(requests()).toMatchObject([{ method: "POST", path: "/v1/contacts/%2B5491156121008/unblock" }]);
    });

    it("keeps a path prefix of the base URL", async () => {
      const { server, client, requests } = harness({ baseUrl: "https://wa.example.test:9090/waba/" });
      server.intercept({ path: `/waba${BLOCK_PATH}`, method: "POST" }).reply(200, ok());

      await client.block({ e164: "+16315551000" });

      expect(requests()).toHaveLength(1);
    });
  });

  describe("blocklist pages", () => {
    it("asks for one page by limit and offset and strips @s.whatsapp.net", async () => {
      const { server, client, requests } = harness();
      server
        .intercept({ path: `${BLOCKLIST}?limit=15&offset=15`, method: "GET" })
        .reply(200, blocklistAnswer(["16315551000", "5491156121008"], 15, 15, 40));

      const page = await client.blocklistPage({ kind: "offset", limit: 15, offset: 15 });

      expect(requests(BLOCKLIST)[0]?.query).toEqual({ limit: "15", offset: "15" });
      expect(page).toEqual({
        contacts: [{ waId: "16315551000" }, { waId: "5491156121008" }],
        total: 40,
        next: { kind: "offset", limit: 15, offset: 30 },
        previous: { kind: "offset", limit: 15, offset: 0 },
      });
    });

    it("offers no previous page on the first and no next page on the last", async () => {
      const { server, client } = harness();
      server
        .intercept({ path: `${BLOCKLIST}?limit=15&offset=0`, method: "GET" })
        .reply(200, blocklistAnswer(["16315551000"], 15, 0, 1));

      const page = await client.blocklistPage({ kind: "offset", limit: 15, offset: 0 });

      expect(page).toEqual({ contacts: [{ waId: "16315551000" }], total: 1 });
    });

    it("reads the older @c.us spelling of a contact JID too", async () => {
      const { server, client } = harness();
      server
        .intercept({ path: `${BLOCKLIST}?limit=15&offset=0`, method: "GET" })
        .reply(
          200,
          ok({ contacts: [{ wa_id: "16315551000@c.us" }], pagination: { limit: 15, offset: 0, total: 1 } }),
        );

      const page = await client.blocklistPage({ kind: "offset", limit: 15, offset: 0 });

      expect(page.contacts.map((contact) => contact.waId)).toEqual(["16315551000"]);
    });

    it("keeps an id that is not a WhatsApp contact's as it came, with the rest of the page", async () => {
      const { server, client } = harness();
      server.intercept({ path: `${BLOCKLIST}?limit=15&offset=0`, method: "GET" }).reply(
        200,
        ok({
          contacts: [{ wa_id: "120363@g.us" }, { wa_id: "16315551000@s.whatsapp.net" }],
          pagination: { limit: 15, offset: 0, total: 2 },
        }),
      );

      const page = await client.blocklistPage({ kind: "offset", limit: 15, offset: 0 });

      expect(page.contacts.map((contact) => contact.waId)).toEqual(["120363@g.us", "16315551000"]);
    });

    it("refuses cursor paging before any call", async () => {
      const { client, requests } = harness();

      await expect(client.blocklistPage({ kind: "cursor", limit: 15, after: "QVFI" })).rejects.toBeInstanceOf(
        WhatsAppUnsupportedError,
      );
      expect(requests()).toHaveLength(0);
    });

    it.each([0, 201, 2.5])("refuses a limit of %s before any call", async (limit) => {
      const { client, requests } = harness();

      await expect(client.blocklistPage({ kind: "offset", limit, offset: 0 })).rejects.toThrow(
        /1 to 200 rows/,
      );
      expect(requests()).toHaveLength(0);
    });
  });

  describe("ping", () => {
    it("resolves when the authenticated health check answers", async () => {
      const { server, client, requests } = harness();
      server
        .intercept({ path: "/v1/health", method: "GET" })
        .reply(200, ok({ health: { gateway_status: "connected" } }));

      await expect(client.ping()).resolves.toBeUndefined();
      expect(requests()[0]?.authorization).toMatch(/^Bearer /);
    });

    it("throws when the node does not answer well", async () => {
      const { server, client } = harness();
      server
        .intercept({ path: "/v1/health", method: "GET" })
        .reply(500, failure(1014, "Internal error"))
        .persist();

      await expect(client.ping()).rejects.toMatchObject({ code: "wa_api_error", waCode: 1014 });
    });
  });

  describe("after close()", () => {
    it("refuses new calls without sending them", async () => {
      const { client, requests } = harness();

      await client.close();

      await expect(client.block({ e164: "+16315551000" })).rejects.toThrow(/closed/);
      expect(requests()).toHaveLength(0);
    });
  });
});
