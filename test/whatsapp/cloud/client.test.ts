import { afterEach, describe, expect, it } from "vitest";
import {
  WhatsAppAuthError,
  WhatsAppConnectionError,
  WhatsAppTimeoutError,
  WhatsAppUnsupportedError,
} from "../../../src/whatsapp/errors.js";
import {
  closeHarnesses,
  fixtureText,
  graphError,
  harness,
  JSON_HEADERS,
  networkError,
  USERS_PATH,
} from "./fake-graph.js";

afterEach(closeHarnesses);

const PING = { path: `${USERS_PATH}?limit=1`, method: "GET" } as const;

describe("the Cloud client", () => {
  it("names itself and says what it can do", () => {
    expect(harness().client.name).toBe("cloud");
    const { client } = harness({ name: "sandbox-cloud" });

    expect(client.name).toBe("sandbox-cloud");
    expect(client.capabilities).toEqual({
      upstreamCheck: false,
      upstreamReport: false,
      blocklistPaging: "cursor",
    });
    expect(client.apiVersion()).toBeUndefined();
  });

  it("has no contact check and no report upstream, and calls nothing for them", async () => {
    const { client, requests } = harness();

    await expect(client.checkContacts(["+16505551234"])).rejects.toBeInstanceOf(WhatsAppUnsupportedError);
    await expect(client.report("+16505551234", { block: true })).rejects.toBeInstanceOf(
      WhatsAppUnsupportedError,
    );
    expect(requests()).toHaveLength(0);
  });

  it("keeps the path of the Graph URL (version and any proxy prefix)", async () => {
    const { server, client, requests } = harness({ graphUrl: "https://graph.facebook.com/proxy/v23.0/" });
    const path = "/proxy/v23.0/106540352242922/block_users";
    server
      .intercept({ path, method: "POST" })
      .reply(200, fixtureText("openapi-v23-block-response-200.json"), JSON_HEADERS);

    await client.block({ e164: "+16505551234" });

    expect(requests()[0]?.path).toBe(path);
  });

  describe("ping", () => {
    it("asks for one blocklist row", async () => {
      const { server, client, requests } = harness();
      server.intercept(PING).reply(200, fixtureText("openapi-v23-get-blocked-users-200.json"), JSON_HEADERS);

      await expect(client.ping()).resolves.toBeUndefined();
      expect(requests()).toMatchObject([{ method: "GET", query: { limit: "1" } }]);
    });

    it("throws when Graph refuses the token", async () => {
      const { server, client } = harness();
      server.intercept(PING).reply(401, graphError(190, "Invalid OAuth access token"), JSON_HEADERS);

      await expect(client.ping()).rejects.toBeInstanceOf(WhatsAppAuthError);
    });

    it("throws when Graph cannot be reached", async () => {
      const { server, client } = harness();
      server.intercept(PING).replyWithError(networkError("ENOTFOUND")).persist();

      await expect(client.ping()).rejects.toBeInstanceOf(WhatsAppConnectionError);
    });
  });

  it("ends calls in flight when closed, and refuses later ones, leaving the dispatcher open", async () => {
    const { server, client } = harness({ timeoutMs: 5_000, budgetMs: 10_000 });
    server.intercept(PING).reply(200, fixtureText("openapi-v23-get-blocked-users-200.json")).delay(5_000);
    server.intercept(PING).reply(200, fixtureText("openapi-v23-get-blocked-users-200.json"));

    const pending = client.ping().catch((caught: unknown) => caught);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await client.close();

    expect(await pending).toBeInstanceOf(WhatsAppConnectionError);
    await expect(client.ping()).rejects.toBeInstanceOf(WhatsAppConnectionError);
    expect(await pending).not.toBeInstanceOf(WhatsAppTimeoutError);
  });
});
