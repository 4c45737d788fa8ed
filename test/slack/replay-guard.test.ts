import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BoltApp } from "../../src/slack/bolt-app.js";
import {
  memoryReplayGuard,
  REPLAY_WINDOW_MS,
  storeReplayGuard,
  withLocalFallback,
} from "../../src/slack/input/replay-guard.js";
import { createStore } from "../../src/store/create-store.js";
import type { AppStore } from "../../src/store/types.js";
import { captureLogger } from "../support/capture-logger.js";
import { startCommandApp } from "../support/command-app.js";
import { type FakeSlackApi, startFakeSlackApi } from "../support/fake-slack-api.js";
import { postSigned, signature, slashCommand } from "../support/slack-requests.js";

/** One signature is acted on at most once, across replicas sharing a store (docs/CONTRACT.md §8). */

const SECRET = "replay-signing-secret";

describe("memoryReplayGuard", () => {
  it("accepts a signature once inside the window and again after it", async () => {
    let now = 1_000_000;
    const guard = memoryReplayGuard(() => now);
    expect(await guard("v0=a")).toBe(true);
    expect(await guard("v0=a")).toBe(false);
    expect(await guard("v0=b")).toBe(true);
    now += REPLAY_WINDOW_MS + 1;
    expect(await guard("v0=a")).toBe(true);
  });

  it("falls back to the process's own memory when the shared guard fails", async () => {
    const failures: unknown[] = [];
    const guard = withLocalFallback(
      () => Promise.reject(new Error("store down")),
      (error) => failures.push(error),
    );
    expect(await guard("v0=c")).toBe(true);
    expect(await guard("v0=c")).toBe(false);
    expect(failures).toHaveLength(2);
  });
});

describe("storeReplayGuard on a real SQLite store, two replicas", () => {
  let dir: string;
  let store: AppStore;
  let slack: FakeSlackApi;
  const replicas: BoltApp[] = [];
  const acted: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "wam-replay-"));
    store = await createStore(`sqlite://${join(dir, "store.sqlite")}`, { logger: captureLogger() });
    slack = await startFakeSlackApi();
    for (const name of ["a", "b"]) {
      const { app: replica } = await startCommandApp({
        signingSecret: SECRET,
        slackApiUrl: slack.url,
        replayGuard: storeReplayGuard(store.atomic),
        // As every listener of the app does, it acknowledges before it acts.
        listener: async ({ ack, command }) => {
          await ack();
          acted.push(`${name}:${command.text}`);
        },
      });
      replicas.push(replica);
    }
  });

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await store.close();
    await slack.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("claims a signature once in the store", async () => {
    const guard = storeReplayGuard(store.atomic);
    expect(await guard("v0=store-once")).toBe(true);
    expect(await guard("v0=store-once")).toBe(false);
  });

  it("acts on a request once when it is replayed to the other replica", async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const body = slashCommand("block +1 631 555 1001", { userId: "U0MOD", responseUrl: `${slack.url}/r/1` });
    const options = { secret: SECRET, timestamp, signature: signature(SECRET, timestamp, body) };
    const urls = replicas.map((replica) => `http://127.0.0.1:${replica.port}/slack/events`);
    const first = await postSigned(urls[0] ?? "", body, options);
    const replay = await postSigned(urls[1] ?? "", body, options);
    const again = await postSigned(urls[0] ?? "", body, options);
    expect([first.status, replay.status, again.status]).toEqual([200, 200, 200]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(acted).toEqual(["a:block +1 631 555 1001"]);
  });
});
