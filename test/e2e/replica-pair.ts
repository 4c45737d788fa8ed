import { randomInt } from "node:crypto";
import { createClient } from "@keyv/redis";
import { Pool } from "pg";
import { loadConfig } from "../../src/config/load-config.js";
import { type SandboxHandle, startSandbox } from "../../src/sandbox/index.js";
import { type RunningBot, startBot } from "../../src/wiring.js";
import { allText, isProgressNote } from "../slack/views/block-helpers.js";
import { POSTGRES_URL, REDIS_URL } from "../store/servers.js";
import { captureLogger } from "../support/capture-logger.js";
import { type FakeSlackApi, startFakeSlackApi } from "../support/fake-slack-api.js";
import { blockAction, type ClickedButton, postSigned, slashCommand } from "../support/slack-requests.js";
import { AUDIT_CHANNEL, MODERATOR_ID, RELAY_CHANNEL, SIGNING_SECRET, WEBHOOK_SECRET } from "./harness.js";
import { type LimitedUpstream, startLimitedUpstream } from "./limited-upstream.js";

/**
 * Two whole bots (startBot, each on its own port, as two containers of the compose file run) on one Redis or
 * PostgreSQL store of their own, in front of one On-Premises server limited to 20 contacts calls a second (the
 * sandbox behind a strict proxy), with one fake Slack. Tests reach them only over HTTP.
 */
export interface ReplicaPair {
  urls: [string, string];
  upstream: LimitedUpstream;
  sandbox: SandboxHandle;
  slack: FakeSlackApi;
  /** Sends a signed `/wa-check <text>` to replica `replica`; answers the response_url path it will answer on. */
  command(replica: 0 | 1, text: string): Promise<{ status: number; path: string }>;
  click(replica: 0 | 1, button: ClickedButton): Promise<{ status: number; path: string }>;
  /** The last answer posted to `path` that is not a progress note, as text, waiting for it. */
  finalAnswer(path: string, timeoutMs?: number): Promise<string>;
  /** The body of the last post to `path`. */
  lastBody(path: string): unknown;
  close(): Promise<void>;
}

export type SharedStoreKind = "redis" | "postgres";

/** A store of the test's own on the shared server: a fresh PostgreSQL database, or a Redis database number emptied. */
async function provisionStore(kind: SharedStoreKind): Promise<{ url: string; drop(): Promise<void> }> {
  if (kind === "postgres") {
    const name = `wam_e2e_${randomInt(1e9)}`;
    const admin = new Pool({ connectionString: POSTGRES_URL, max: 1 });
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${name}`;
    return {
      url: url.href,
      drop: async () => {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const url = `${REDIS_URL}/${randomInt(8, 16)}`;
  const emptied = async () => {
    const client = createClient({ url });
    await client.connect();
    const keys: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: "wam:*", COUNT: 500 })) keys.push(...batch);
    if (keys.length > 0) await client.del(keys);
    await client.close();
  };
  await emptied();
  return { url, drop: emptied };
}

export async function startReplicaPair(
  kind: SharedStoreKind,
  env: Record<string, string> = {},
): Promise<ReplicaPair> {
  const store = await provisionStore(kind);
  const sandbox = await startSandbox({ rateLimit: false, processingRounds: 0 });
  // Burst 10: a server that tolerates half a second of timers firing late on a busy machine, and no more.
  const upstream = await startLimitedUpstream(sandbox.url, { perSecond: 20, burst: 10 });
  const slack = await startFakeSlackApi();
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-e2e-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.url,
    PORT: "0",
    STORE_URL: store.url,
    MODERATORS: MODERATOR_ID,
    RELAY_CHANNEL,
    AUDIT_CHANNEL,
    WEBHOOK_SECRET,
    WA_BACKEND: "onprem",
    WA_API_URL: upstream.url,
    WA_USERNAME: sandbox.username,
    WA_PASSWORD: sandbox.password,
    WA_DEFAULT_COUNTRY: "US",
    LOG_LEVEL: "warn",
    ...env,
  });
  const bots: RunningBot[] = [];
  for (let index = 0; index < 2; index += 1) bots.push(await startBot(config, captureLogger()));
  const urls = bots.map((bot) => `http://127.0.0.1:${bot.port}`) as [string, string];

  const hits = (path: string) => slack.responseUrlHits.filter((hit) => hit.path === path);
  const textOf = (body: unknown): string => {
    const { blocks, text } = body as { text?: string; blocks?: unknown[] };
    return blocks ? allText(blocks) : (text ?? "");
  };
  const signed = async (replica: 0 | 1, body: (responseUrl: string) => string) => {
    const responseUrl = slack.responseUrl();
    const response = await postSigned(`${urls[replica]}/slack/events`, body(responseUrl), {
      secret: SIGNING_SECRET,
    });
    return { status: response.status, path: new URL(responseUrl).pathname };
  };

  return {
    urls,
    upstream,
    sandbox,
    slack,
    command: (replica, text) =>
      signed(replica, (responseUrl) => slashCommand(text, { userId: MODERATOR_ID, responseUrl })),
    click: (replica, button) =>
      signed(replica, (responseUrl) => blockAction(button, { userId: MODERATOR_ID, responseUrl })),
    finalAnswer: (path, timeoutMs = 20_000) =>
      slack.waitFor(() => {
        const last = hits(path).at(-1);
        const text = last === undefined ? undefined : textOf(last.body);
        return text !== undefined && !isProgressNote(text) ? text : undefined;
      }, timeoutMs),
    lastBody: (path) => hits(path).at(-1)?.body,
    async close() {
      await Promise.all(bots.map((bot) => bot.stop()));
      await slack.close();
      await upstream.close();
      await sandbox.close();
      await store.drop();
    },
  };
}
