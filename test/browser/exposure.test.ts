import { networkInterfaces } from "node:os";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { startBot } from "../../src/wiring.js";
import { captureLogger } from "../support/capture-logger.js";
import { startFakeSlackApi } from "../support/fake-slack-api.js";
import { type Playground, startPlayground } from "./playground-harness.js";

/** Where the playground may be reached (docs/CONTRACT.md §9): loopback in local mode, nowhere with a bot token. */

const PLAYGROUND_PATHS = ["/", "/playground/app.js", "/playground/app.css", "/playground/state"];

/** This machine's first non-loopback IPv4 address, if it has one. */
function outwardAddress(): string | undefined {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === "IPv4" && !address.internal) return address.address;
    }
  }
  return undefined;
}

describe("local mode", () => {
  let playground: Playground | undefined;
  afterAll(async () => {
    await playground?.close();
  });

  const outward = outwardAddress();
  it.skipIf(outward === undefined)(
    "listens on 127.0.0.1 only: the machine's other address is refused",
    async () => {
      playground = await startPlayground();
      const port = playground.bot.port;
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      await expect(fetch(`http://${outward}:${port}/`)).rejects.toThrow();
      await expect(fetch(`http://${outward}:${port}/slack/events`, { method: "POST" })).rejects.toThrow();
    },
  );
});

describe("with a bot token", () => {
  it("has no playground: / and /playground/* answer 404", async () => {
    const slack = await startFakeSlackApi();
    const bot = await startBot(
      loadConfig({
        SLACK_BOT_TOKEN: "xoxb-real-token",
        SLACK_SIGNING_SECRET: "a-real-signing-secret",
        SLACK_API_URL: slack.url,
        PORT: "0",
        STORE_URL: "sqlite://:memory:",
      }),
      captureLogger(),
    );
    try {
      for (const path of PLAYGROUND_PATHS) {
        expect((await fetch(`http://127.0.0.1:${bot.port}${path}`)).status, path).toBe(404);
      }
      const act = await fetch(`http://127.0.0.1:${bot.port}/playground/act`, { method: "POST", body: "{}" });
      expect(act.status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${bot.port}/healthz`)).status).toBe(200);
    } finally {
      await bot.stop();
      await slack.close();
    }
  });
});
