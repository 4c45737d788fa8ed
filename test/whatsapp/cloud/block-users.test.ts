import { createRequire } from "node:module";
import { afterEach, describe, expect, it } from "vitest";
import { CloudParentBsuidError } from "../../../src/whatsapp/cloud/index.js";
import { WhatsAppApiError, WhatsAppBadResponseError } from "../../../src/whatsapp/errors.js";
import {
  closeHarnesses,
  fixture,
  fixtureText,
  graphError,
  harness,
  JSON_HEADERS,
  TOKEN,
  USERS_PATH,
} from "./fake-graph.js";

afterEach(closeHarnesses);

const { version } = createRequire(import.meta.url)("../../../package.json") as { version: string };
const BLOCKED = "+16505551234"; // added/removed in Meta's examples
const NOT_ENGAGED = "+14155559876"; // failed with 131047 in Meta's mixed examples

describe("the Cloud client's block and unblock", () => {
  it("POSTs the body Meta's spec shows, with the headers the spec asks for", async () => {
    const { server, client, requests } = harness();
    server
      .intercept({ path: USERS_PATH, method: "POST" })
      .reply(200, fixtureText("openapi-v23-block-response-200.json"), JSON_HEADERS);

    await expect(client.block({ e164: BLOCKED }, "scam links")).resolves.toEqual({ resent: false });

    const [sent] = requests();
    expect(sent?.body).toEqual(fixture("openapi-v23-block-request.json"));
    // The reason goes nowhere: Cloud takes none.
    expect(JSON.stringify(sent?.body)).not.toContain("scam");
    expect(sent?.headers).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      "content-type": "application/json",
      accept: "application/json",
      "user-agent": `wa-moderator/${version}`,
    });
  });

  it("sends one element of Meta's two-user request per call", async () => {
    const { server, client, requests } = harness();
    server
      .intercept({ path: USERS_PATH, method: "POST" })
      .reply(200, fixtureText("meta-docs-block-response-all-added.json"), JSON_HEADERS);

    await client.block({ e164: BLOCKED });

    const [first] = fixture("meta-docs-block-request-two-users.json").block_users;
    expect(requests()[0]?.body).toEqual({ messaging_product: "whatsapp", block_users: [first] });
  });

  it("unblocks with DELETE carrying the same JSON body", async () => {
    const { server, client, requests } = harness();
    server
      .intercept({ path: USERS_PATH, method: "DELETE" })
      .reply(200, fixtureText("openapi-v23-unblock-response-200.json"), JSON_HEADERS);

    await expect(client.unblock({ e164: BLOCKED })).resolves.toEqual({ resent: false });

    expect(requests()).toMatchObject([
      { method: "DELETE", body: fixture("openapi-v23-unblock-request.json") },
    ]);
  });

  it("accepts Meta's all-removed unblock answer", async () => {
    const { server, client } = harness();
    server
      .intercept({ path: USERS_PATH, method: "DELETE" })
      .reply(200, fixtureText("meta-docs-unblock-response-all-removed.json"), JSON_HEADERS);

    await expect(client.unblock({ e164: NOT_ENGAGED })).resolves.toEqual({ resent: false });
  });

  it("names a BSUID-only contact by user_id and reads the user_id answer", async () => {
    const { server, client, requests } = harness();
    server
      .intercept({ path: USERS_PATH, method: "POST" })
      .reply(200, fixtureText("whatsapp-api-js-block-by-bsuid-response.json"), JSON_HEADERS);

    await expect(client.block({ bsuid: "US.13491208655302741918" })).resolves.toEqual({ resent: false });

    expect(requests()[0]?.body).toEqual({
      messaging_product: "whatsapp",
      block_users: [{ user_id: "US.13491208655302741918" }],
    });
  });

  it("refuses a parent BSUID before any call", async () => {
    const { client, requests } = harness();

    const error = await client
      .block({ bsuid: "US.ENT.13491208655302741918" })
      .catch((caught: unknown) => caught);
    const unblockError = await client.unblock({ bsuid: "BR.ENT.99" }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CloudParentBsuidError);
    expect(error).toMatchObject({ code: "wa_parent_bsuid" });
    expect(unblockError).toBeInstanceOf(CloudParentBsuidError);
    expect(requests()).toHaveLength(0);
  });

  describe("a partial failure (top-level 139100 beside block_users)", () => {
    for (const status of [200, 400]) {
      it(`throws our user's own error (131047) with the trace id, under HTTP ${status}`, async () => {
        const { server, client, requests } = harness();
        server
          .intercept({ path: USERS_PATH, method: "POST" })
          .reply(status, fixtureText("meta-docs-block-response-mixed-139100.json"), JSON_HEADERS);

        const error = await client.block({ e164: NOT_ENGAGED }).catch((caught: unknown) => caught);

        expect(error).toBeInstanceOf(WhatsAppApiError);
        expect(error).toMatchObject({
          waCode: 131047,
          title: "Re-engagement required",
          details: "User has not messaged in the last 24 hours",
          fbtraceId: "<FBTRACE_ID>",
          httpStatus: status,
          mayHaveGoneThrough: false,
        });
        expect(requests()).toHaveLength(1); // 131047 is final
      });

      it(`counts our user as done when it is in added_users, under HTTP ${status}`, async () => {
        const { server, client } = harness();
        server
          .intercept({ path: USERS_PATH, method: "POST" })
          .reply(status, fixtureText("meta-docs-block-response-mixed-139100.json"), JSON_HEADERS);

        await expect(client.block({ e164: BLOCKED })).resolves.toEqual({ resent: false });
      });

      it(`reads the unblock variant from removed_users and failed_users, under HTTP ${status}`, async () => {
        const { server, client } = harness();
        server
          .intercept({ path: USERS_PATH, method: "DELETE" })
          .reply(status, fixtureText("meta-docs-unblock-response-mixed-139100.json"), JSON_HEADERS)
          .times(2);

        await expect(client.unblock({ e164: BLOCKED })).resolves.toEqual({ resent: false });
        await expect(client.unblock({ e164: NOT_ENGAGED })).rejects.toMatchObject({ waCode: 131047 });
      });
    }

    it("reads a peer's mixed answer served with 200 and no fbtrace_id", async () => {
      const { server, client } = harness();
      server
        .intercept({ path: USERS_PATH, method: "POST" })
        .reply(200, fixtureText("piusalfred-whatsapp-block-mixed-served-200.json"), JSON_HEADERS);

      const error = await client.block({ e164: NOT_ENGAGED }).catch((caught: unknown) => caught);

      expect(error).toMatchObject({ waCode: 131047, httpStatus: 200, fbtraceId: undefined });
    });
  });

  it("throws a top-level Graph error without block_users with its own code", async () => {
    const { server, client, requests } = harness();
    server
      .intercept({ path: USERS_PATH, method: "POST" })
      .reply(400, graphError(131021, "Recipient cannot be sender"), JSON_HEADERS);

    const error = await client.block({ e164: BLOCKED }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(WhatsAppApiError);
    expect(error).toMatchObject({ waCode: 131021, httpStatus: 400, fbtraceId: "AXsgnV2Cm3ZMGF3dF_cfYIn" });
    expect(requests()).toHaveLength(1);
  });

  it("calls a body that is not JSON a bad response (an HTML 502 page), after retrying it", async () => {
    const { server, client, requests } = harness();
    server
      .intercept({ path: USERS_PATH, method: "POST" })
      .reply(502, "<html><body><h1>502 Bad Gateway</h1></body></html>", {
        headers: { "content-type": "text/html" },
      })
      .persist();

    const error = await client.block({ e164: BLOCKED }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(WhatsAppBadResponseError);
    expect(error).toMatchObject({ httpStatus: 502 });
    expect((error as Error).message).not.toContain("<html>");
    expect(requests()).toHaveLength(5);
  });

  it("calls a 200 that lists nobody a bad response rather than a success", async () => {
    const { server, client } = harness();
    const answer = fixture("meta-docs-block-response-all-added.json");
    delete answer.block_users.added_users;
    server.intercept({ path: USERS_PATH, method: "POST" }).reply(200, answer, JSON_HEADERS);

    await expect(client.block({ e164: BLOCKED })).rejects.toBeInstanceOf(WhatsAppBadResponseError);
  });
});
