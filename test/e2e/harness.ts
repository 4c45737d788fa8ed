import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import type { CloudSandboxHandle, SandboxHandle } from "../../src/sandbox/index.js";
import { type RunningBot, startBot } from "../../src/wiring.js";
import { allText, isProgressNote } from "../slack/views/block-helpers.js";
import { captureLogger } from "../support/capture-logger.js";
import { type FakeSlackApi, type SlackApiCall, startFakeSlackApi } from "../support/fake-slack-api.js";
import {
  blockAction,
  type ClickedButton,
  messageShortcut,
  postSigned,
  type SubmittedView,
  slashCommand,
  viewSubmission,
} from "../support/slack-requests.js";

/**
 * The whole app as `npm start` runs it (config from an environment, the SQLite store, the built-in sandbox as
 * WhatsApp), listening on an ephemeral port, with a fake Slack Web API on loopback. Tests talk to it only over
 * HTTP: signed Slack requests in, Slack API calls and response_url posts out, and the sandbox's own state.
 */

export const SIGNING_SECRET = "e2e-signing-secret";
export const MODERATOR_ID = "UMODE2E01";
export const STRANGER_ID = "USTRANGE01";
export const RELAY_CHANNEL = "CRELAY0001";
export const AUDIT_CHANNEL = "CAUDIT0001";
export const WEBHOOK_SECRET = "e2e-webhook-secret-0123456789";

export interface E2EApp {
  url: string;
  server: RunningBot;
  /** The built-in sandbox in the On-Premises shape (WA_BACKEND unset or sandbox). */
  sandbox: SandboxHandle;
  /** The built-in sandbox in the Cloud API shape (WA_BACKEND=sandbox-cloud). */
  cloudSandbox: CloudSandboxHandle;
  slack: FakeSlackApi;
  logger: ReturnType<typeof captureLogger>;
  storeUrl: string;
  /** Sends a signed `/wa-check <text>`; returns the ack's status and the response_url path it will answer on. */
  command(
    text: string,
    options?: { userId?: string },
  ): Promise<{ status: number; ackText: string; path: string }>;
  /** The words of the last answer posted to `path` that is not a progress note, waiting for it. */
  finalAnswer(path: string, timeoutMs?: number): Promise<string>;
  /** Everything posted to a response_url path, in order, as text. */
  answers(path: string): string[];
  click(
    button: ClickedButton,
    options?: { userId?: string; isEphemeral?: boolean; message?: Record<string, unknown> },
  ): Promise<{ status: number; path: string }>;
  /** Runs "Report sender" on `message`; returns the ack and the response_url path of the shortcut. */
  shortcut(
    message: Record<string, unknown>,
    options?: { userId?: string },
  ): Promise<{ status: number; path: string }>;
  submit(view: SubmittedView, options?: { userId?: string }): Promise<{ status: number; body: string }>;
  /** Restarts the app on the same store file (a crash and a restart, as far as the store can tell). */
  restart(): Promise<void>;
  /** Starts another replica: the same configuration, store file and fake Slack; answers its base URL. */
  startReplica(): Promise<string>;
  close(): Promise<void>;
}

export interface E2EOptions {
  /** Runs on the fake Slack API before the app starts, e.g. to answer a method the app calls at start-up. */
  beforeStart?: (slack: FakeSlackApi) => void;
  /** The SLACK_API_URL the app is given (default the fake's own), e.g. a proxy in front of the fake. */
  slackApiUrl?: (slack: FakeSlackApi) => string;
}

export async function startE2EApp(
  env: Record<string, string> = {},
  options: E2EOptions = {},
): Promise<E2EApp> {
  const dir = await mkdtemp(join(tmpdir(), "wam-e2e-"));
  const slack = await startFakeSlackApi();
  options.beforeStart?.(slack);
  const logger = captureLogger();
  const storeUrl = `sqlite://${join(dir, "store.sqlite")}`;
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-e2e-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: options.slackApiUrl?.(slack) ?? slack.url,
    PORT: "0",
    STORE_URL: storeUrl,
    MODERATORS: MODERATOR_ID,
    RELAY_CHANNEL,
    AUDIT_CHANNEL,
    WEBHOOK_SECRET,
    LOG_LEVEL: "debug",
    ...env,
  });
  let server = await startBot(config, logger);
  const replicas: RunningBot[] = [];
  const url = () => `http://127.0.0.1:${server.port}`;
  const sandboxOf = (running: RunningBot): SandboxHandle => {
    if (running.sandbox?.shape !== "onprem") throw new Error("this e2e app runs on the On-Premises sandbox");
    return running.sandbox;
  };
  const cloudSandboxOf = (running: RunningBot): CloudSandboxHandle => {
    if (running.sandbox?.shape !== "cloud") throw new Error("this e2e app runs on the Cloud API sandbox");
    return running.sandbox;
  };

  const answers = (path: string) =>
    slack.responseUrlHits
      .filter((hit) => hit.path === path)
      .map((hit) => {
        const body = hit.body as { text?: string; blocks?: unknown[] };
        return body.blocks ? allText(body.blocks) : (body.text ?? "");
      });

  const app: E2EApp = {
    get url() {
      return url();
    },
    get server() {
      return server;
    },
    get sandbox() {
      return sandboxOf(server);
    },
    get cloudSandbox() {
      return cloudSandboxOf(server);
    },
    slack,
    logger,
    storeUrl,
    async command(text, options = {}) {
      const responseUrl = slack.responseUrl();
      const response = await postSigned(
        `${url()}/slack/events`,
        slashCommand(text, { userId: options.userId ?? MODERATOR_ID, responseUrl }),
        { secret: SIGNING_SECRET },
      );
      return { status: response.status, ackText: response.body, path: new URL(responseUrl).pathname };
    },
    finalAnswer(path, timeoutMs = 15_000) {
      return slack.waitFor(() => {
        const last = answers(path).at(-1);
        return last !== undefined && !isProgressNote(last) ? last : undefined;
      }, timeoutMs);
    },
    answers,
    async click(button, options = {}) {
      const responseUrl = slack.responseUrl();
      const response = await postSigned(
        `${url()}/slack/events`,
        blockAction(button, {
          userId: options.userId ?? MODERATOR_ID,
          responseUrl,
          ...(options.isEphemeral === undefined ? {} : { isEphemeral: options.isEphemeral }),
          ...(options.message ? { message: options.message } : {}),
        }),
        { secret: SIGNING_SECRET },
      );
      return { status: response.status, path: new URL(responseUrl).pathname };
    },
    async shortcut(message, options = {}) {
      const responseUrl = slack.responseUrl();
      const response = await postSigned(
        `${url()}/slack/events`,
        messageShortcut(message, { userId: options.userId ?? MODERATOR_ID, responseUrl }),
        { secret: SIGNING_SECRET },
      );
      return { status: response.status, path: new URL(responseUrl).pathname };
    },
    async submit(view, options = {}) {
      const response = await postSigned(
        `${url()}/slack/events`,
        viewSubmission(view, { userId: options.userId ?? MODERATOR_ID }),
        { secret: SIGNING_SECRET },
      );
      return { status: response.status, body: response.body };
    },
    async restart() {
      await server.stop();
      server = await startBot(config, logger);
    },
    async startReplica() {
      const replica = await startBot(config, logger);
      replicas.push(replica);
      return `http://127.0.0.1:${replica.port}`;
    },
    async close() {
      await Promise.all(replicas.map((replica) => replica.stop()));
      await server.stop();
      await slack.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return app;
}

/** One inbound message as an On-Premises node POSTs it to the webhook (docs/CONTRACT.md §1.1). */
export interface InboundFixture {
  from: string;
  id: string;
  /** Unix seconds; default now. */
  timestamp?: number;
  name?: string;
  /** Default "text". */
  type?: string;
  /** The text of a text message. */
  text?: string;
  /** The object under the type's own key for other types, e.g. `{id, mime_type, caption}` for an image. */
  content?: Record<string, unknown>;
}

export function onPremInbound(message: InboundFixture): Record<string, unknown> {
  const type = message.type ?? "text";
  const content = message.content ?? (type === "text" ? { body: message.text ?? "Hello" } : {});
  return {
    contacts: [{ profile: { name: message.name ?? "Test Contact" }, wa_id: message.from }],
    messages: [
      {
        from: message.from,
        id: message.id,
        timestamp: String(message.timestamp ?? Math.floor(Date.now() / 1000)),
        type,
        [type]: content,
      },
    ],
  };
}

export interface WebhookPostOptions {
  /** Default WEBHOOK_SECRET. */
  secret?: string;
  /** Where the secret goes; "none" sends none. Default "header" (X-Webhook-Secret). */
  via?: "header" | "query" | "none";
}

/** POSTs a body (an object as JSON, a string as is) to the app's /whatsapp/webhook. */
export async function postWebhook(
  baseUrl: string,
  body: unknown,
  options: WebhookPostOptions = {},
): Promise<{ status: number; body: string }> {
  const secret = options.secret ?? WEBHOOK_SECRET;
  const via = options.via ?? "header";
  const url = new URL("/whatsapp/webhook", baseUrl);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (via === "query") url.searchParams.set("secret", secret);
  if (via === "header") headers["x-webhook-secret"] = secret;
  const response = await fetch(url, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.text() };
}

/** How many `POST /v1/contacts` (contact checks) the sandbox has answered so far. */
export function contactLookups(sandbox: SandboxHandle): number {
  return sandbox.state.calls.filter((call) => call.method === "POST" && call.path === "/v1/contacts").length;
}

export type ContactAction = "block" | "unblock" | "report";

/** How many calls to `/v1/contacts/{contact}/<action>` the sandbox has answered so far, for any of `actions`. */
export function contactActions(
  sandbox: SandboxHandle,
  actions: readonly ContactAction[] = ["block", "unblock", "report"],
): number {
  const path = new RegExp(`^/v1/contacts/[^/]+/(${actions.join("|")})`);
  return sandbox.state.calls.filter((call) => path.test(call.path)).length;
}

function relayedMessageId(call: SlackApiCall): unknown {
  const metadata = call.body.metadata as { event_payload?: { message_id?: unknown } } | undefined;
  return metadata?.event_payload?.message_id;
}

/** The chat.postMessage calls to RELAY_CHANNEL, or only those relaying the WhatsApp message `messageId`. */
export function relayedPosts(slack: FakeSlackApi, messageId?: string): SlackApiCall[] {
  return slack
    .callsTo("chat.postMessage")
    .filter((call) => call.body.channel === RELAY_CHANNEL)
    .filter((call) => messageId === undefined || relayedMessageId(call) === messageId);
}

/**
 * From now on the fake answers chat.postMessage with a ts of its own numbering and remembers it, so a test can
 * act on a posted message as Slack shows it (its ts, blocks and metadata). Returns the ts of a recorded call.
 */
export function trackPostedTs(slack: FakeSlackApi): (call: SlackApiCall) => string | undefined {
  const tsOf = new WeakMap<object, string>();
  let counter = 0;
  slack.handle("chat.postMessage", (body) => {
    counter += 1;
    const ts = `1710000000.${String(counter).padStart(6, "0")}`;
    tsOf.set(body, ts);
    return {
      channel: body.channel,
      ts,
      message: { type: "message", text: body.text, blocks: body.blocks, ts },
    };
  });
  return (call) => tsOf.get(call.body);
}

/** A real command still gets its answer: the process survived whatever came before. */
export async function expectServing(app: E2EApp): Promise<void> {
  const { status, path } = await app.command("+1 631 555 1002");
  expect(status).toBe(200);
  expect(await app.finalAnswer(path)).toContain("+1 631-555-1002");
}
