import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { reply } from "../../../src/slack/reply/reply.js";
import { captureLogger } from "../../support/capture-logger.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../support/fake-slack-api.js";

let slack: FakeSlackApi;
let client: webApi.WebClient;
const message = {
  text: "Blocked",
  blocks: [{ type: "section" as const, text: { type: "mrkdwn" as const, text: "Blocked" } }],
};

beforeAll(async () => {
  slack = await startFakeSlackApi();
  client = new webApi.WebClient("xoxb-test", { slackApiUrl: slack.url, retryConfig: { retries: 0 } });
});
afterAll(() => slack.close());
beforeEach(() => slack.clear());

describe("reply", () => {
  it("answers through the response URL, replacing the original when asked", async () => {
    const route = await reply(
      client,
      { responseUrl: slack.responseUrl("a"), userId: "U0MOD", channelId: "C0MOD" },
      { ...message, replaceOriginal: true },
      { logger: captureLogger() },
    );
    expect(route).toBe("response_url");
    expect(slack.responseUrlHits).toEqual([
      {
        path: "/response/a",
        status: 200,
        body: { text: "Blocked", blocks: message.blocks, response_type: "ephemeral", replace_original: true },
      },
    ]);
    expect(slack.calls).toHaveLength(0);
  });

  describe("when the response URL has expired", () => {
    it("posts the answer ephemerally to the person in that channel", async () => {
      const expired = await startFakeSlackApi();
      try {
        expired.expireResponseUrls();
        const logger = captureLogger();
        const route = await reply(
          client,
          { responseUrl: expired.responseUrl("old"), userId: "U0MOD", channelId: "C0MOD" },
          message,
          { logger },
        );
        expect(route).toBe("chat.postEphemeral");
        expect(slack.callsTo("chat.postEphemeral")[0]?.body).toMatchObject({
          channel: "C0MOD",
          user: "U0MOD",
          text: "Blocked",
          blocks: message.blocks,
        });
        expect(logger.lines.join("\n")).toContain("expired_url");
        expect(logger.lines.join("\n")).not.toContain("/response/old");
      } finally {
        await expired.close();
      }
    });

    it("updates the clicked message in place when it is not ephemeral", async () => {
      const expired = await startFakeSlackApi();
      try {
        expired.expireResponseUrls();
        const route = await reply(
          client,
          {
            responseUrl: expired.responseUrl(),
            userId: "U0MOD",
            channelId: "C0MOD",
            messageTs: "1700000000.000100",
          },
          { ...message, replaceOriginal: true },
          { logger: captureLogger() },
        );
        expect(route).toBe("chat.update");
        expect(slack.callsTo("chat.update")[0]?.body).toMatchObject({
          channel: "C0MOD",
          ts: "1700000000.000100",
        });
      } finally {
        await expired.close();
      }
    });
  });

  describe("when the response URL does not answer in time", () => {
    it("gives up after the timeout and posts the answer ephemerally instead", async () => {
      const silent = createServer(() => undefined);
      await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
      try {
        const { port } = silent.address() as AddressInfo;
        const logger = captureLogger();
        const started = Date.now();
        const route = await reply(
          client,
          { responseUrl: `http://127.0.0.1:${port}/response/slow`, userId: "U0MOD", channelId: "C0MOD" },
          message,
          { logger, timeoutMs: 100 },
        );
        expect(route).toBe("chat.postEphemeral");
        expect(Date.now() - started).toBeLessThan(2000);
        expect(logger.lines.join("\n")).toContain("TimeoutError");
      } finally {
        silent.closeAllConnections();
        await new Promise((resolve) => silent.close(resolve));
      }
    });
  });

  it("posts ephemerally when there is no response URL (a modal submission)", async () => {
    expect(
      await reply(client, { userId: "U0MOD", channelId: "C0RELAY" }, message, {
        logger: captureLogger(),
      }),
    ).toBe("chat.postEphemeral");
  });

  it("sends a direct message when there is no channel, or the channel refuses", async () => {
    expect(await reply(client, { userId: "U0MOD" }, message, { logger: captureLogger() })).toBe(
      "direct_message",
    );
    slack.failMethod("chat.postEphemeral", "channel_not_found");
    try {
      expect(
        await reply(client, { userId: "U0MOD", channelId: "C0GONE" }, message, {
          logger: captureLogger(),
        }),
      ).toBe("direct_message");
      expect(slack.callsTo("chat.postMessage").map((call) => call.body.channel)).toEqual(["U0MOD", "U0MOD"]);
    } finally {
      slack.restore("chat.postEphemeral");
    }
  });
});
