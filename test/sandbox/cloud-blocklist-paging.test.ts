import { describe, expect, it } from "vitest";
import { blockBody, cloudClient, cloudFixture, graphErrorOf, shapeOf } from "./cloud-harness.js";
import { request } from "./sandbox-harness.js";

interface Row {
  messaging_product: string;
  wa_id?: string;
  user_id?: string;
}

interface Page {
  data: Row[];
  paging?: { cursors: { before: string; after: string }; next?: string; previous?: string };
}

/** GETs a `paging.next` / `previous` link as a client would, with the token in the header. */
async function follow(sandbox: { url: string; token: string }, link: string): Promise<Page> {
  const { pathname, search } = new URL(link);
  const response = await request(sandbox, "GET", `${pathname}${search}`, { token: sandbox.token });
  expect(response.status).toBe(200);
  return response.body as Page;
}

describe("GET /{version}/{phone-number-id}/block_users", () => {
  it("pages the 36 blocked users by 15 across 3 pages with next links, in blocking order", async () => {
    const { sandbox, call } = await cloudClient();
    const first = (await call("GET", "/block_users?limit=15")).body as Page;
    const second = await follow(sandbox, first.paging?.next ?? "");
    const third = await follow(sandbox, second.paging?.next ?? "");

    expect([first, second, third].map((page) => page.data.length)).toEqual([15, 15, 6]);
    expect(first.paging).not.toHaveProperty("previous");
    expect(second.paging).toHaveProperty("previous");
    expect(third.paging).not.toHaveProperty("next");
    expect(third.paging?.cursors.after).toEqual(expect.any(String));
    const rows = [...first.data, ...second.data, ...third.data];
    expect(rows.map((row) => row.wa_id ?? row.user_id)).toEqual(sandbox.state.blocklist);
    expect(rows[0]).toEqual({
      messaging_product: "whatsapp",
      wa_id: "16315551010",
      user_id: expect.stringMatching(/^US\.\d{20}$/),
    });
  });

  it("answers in the documented shape: data rows and paging.cursors", async () => {
    const { call } = await cloudClient();
    const response = await call("GET", "/block_users?limit=1");
    const { next: _next, ...paging } = (response.body as Page).paging ?? { cursors: {} };
    const { user_id: _userId, ...row } = (response.body as Page).data[0] ?? { messaging_product: "" };
    expect(shapeOf({ data: [row], paging })).toEqual(
      shapeOf(cloudFixture("openapi-v23-get-blocked-users-200.json")),
    );
  });

  it("shows a user known only by BSUID with user_id and no wa_id", async () => {
    const { call } = await cloudClient();
    const body = (await call("GET", "/block_users?limit=100")).body as Page;
    expect(body.data.at(-1)).toEqual({ messaging_product: "whatsapp", user_id: "US.11928374655647382910" });
    expect(body.paging).not.toHaveProperty("next");
  });

  it("goes back a page with the before cursor", async () => {
    const { sandbox, call } = await cloudClient();
    const first = (await call("GET", "/block_users?limit=15")).body as Page;
    const second = await follow(sandbox, first.paging?.next ?? "");
    const back = await follow(sandbox, second.paging?.previous ?? "");
    expect(back.data).toEqual(first.data);
  });

  it("answers 25 rows by default and no paging for a page past the end", async () => {
    const { call } = await cloudClient();
    const first = (await call("GET", "/block_users")).body as Page;
    expect(first.data).toHaveLength(25);
    const last = (await call("GET", "/block_users?limit=100")).body as Page;
    const after = last.paging?.cursors.after ?? "";
    const empty = await call("GET", `/block_users?after=${after}`);
    expect(empty.body).toEqual({ data: [] });
  });

  describe("when the blocklist changes between pages", () => {
    it("answers 139102 for a cursor issued before the change, as Meta's example, until paging restarts", async () => {
      const { call } = await cloudClient();
      const first = (await call("GET", "/block_users?limit=15")).body as Page;
      expect((await call("POST", "/block_users", blockBody({ user: "+16315551001" }))).status).toBe(200);

      const stale = await call("GET", `/block_users?limit=15&after=${first.paging?.cursors.after}`);
      expect(stale.status).toBe(400);
      expect(stale.body).toEqual({
        messaging_product: "whatsapp",
        error: {
          message: "(#139102) Blocklist concurrent update",
          type: "OAuthException",
          code: 139102,
          error_data: { details: "Blocklist was updated during retrieval - retry with offset 0" },
          fbtrace_id: expect.any(String),
        },
      });
      expect(shapeOf(stale.body)).toEqual(
        shapeOf(cloudFixture("meta-docs-error-139102-blocklist-concurrent-update.json")),
      );

      const restarted = (await call("GET", "/block_users?limit=15")).body as Page;
      const second = await call("GET", `/block_users?limit=15&after=${restarted.paging?.cursors.after}`);
      expect(second.status).toBe(200);
    });

    it("keeps cursors valid when a call changes nothing (blocking a blocked user)", async () => {
      const { call } = await cloudClient();
      const first = (await call("GET", "/block_users?limit=15")).body as Page;
      await call("DELETE", "/block_users", blockBody({ user: "+16315551001" }));
      const next = await call("GET", `/block_users?limit=15&after=${first.paging?.cursors.after}`);
      expect(next.status).toBe(200);
    });
  });

  it.each(["limit=0", "limit=1001", "limit=ten", "after=not-a-cursor"])(
    "answers 100 for %s",
    async (query) => {
      const { call } = await cloudClient();
      const response = await call("GET", `/block_users?${query}`);
      expect(response.status).toBe(400);
      expect(graphErrorOf(response)).toMatchObject({ code: 100 });
    },
  );
});
