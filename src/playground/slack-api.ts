import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { BodyTooLargeError, readBody } from "../http/read-body.js";
import { sendJson } from "../http/respond.js";
import { decodeBody } from "./web-api-body.js";

/**
 * The Slack stand-in of local mode (docs/CONTRACT.md §9), also the end-to-end tests' fake Slack
 * (test/support/fake-slack-api.ts re-exports it). A local stand-in for Slack's Web API and for the `response_url`s Slack hands out, speaking the wire format the
 * real ones speak, so the app (or any test) can point SLACK_API_URL at it and assert what a moderator would see.
 *
 * - Web API: `POST {url}<method>` with a form body (nested values JSON-encoded, as @slack/web-api sends them) or
 *   a JSON body; token from `Authorization: Bearer …` or the `token` field. Answers `{ok: true, …}` for
 *   auth.test, chat.postMessage, chat.postEphemeral, chat.update, chat.delete, views.open, views.update,
 *   views.push and usergroups.users.list; `{ok: false, error: "not_authed"}` without a token and
 *   `{ok: false, error: "unknown_method"}` for anything else (add more with `handle`).
 * - Response URLs: `responseUrl(id)` gives a URL on this server; each POST to it is recorded in
 *   `responseUrlHits` and answered 200 `{"ok":true}`, or 404 `{"ok":false,"error":"expired_url"}` once
 *   `expireResponseUrls()` was called (as Slack does after 30 minutes).
 */

export interface SlackApiCall {
  method: string;
  /** The decoded body: form fields whose value is JSON (blocks, view, metadata…) are parsed back. */
  body: Record<string, unknown>;
  token?: string;
}

export interface ResponseUrlHit {
  /** The path of the response URL, e.g. "/response/cmd-1". */
  path: string;
  body: unknown;
  /** The HTTP status the fake answered with (200, or 404 once expired). */
  status: number;
}

export type SlackMethodHandler = (body: Record<string, unknown>) => Record<string, unknown>;

/** What a Web API call answered, for a listener that models the workspace (the playground). */
export type SlackCallListener = (call: SlackApiCall, answer: Record<string, unknown>) => void;

export interface SlackApiOptions {
  /** When set, only this token is accepted (`invalid_auth` otherwise), as Slack accepts only its own tokens. */
  token?: string;
}

export interface FakeSlackApi {
  /** Base for SLACK_API_URL, ending in "/api/". */
  url: string;
  /** Every Web API call, in arrival order. */
  calls: SlackApiCall[];
  responseUrlHits: ResponseUrlHit[];
  /** Calls `listener` with every response URL post as it arrives (a benchmark times answers with it). */
  onResponseUrlHit(listener: (hit: ResponseUrlHit) => void): void;
  /** Calls `listener` with every Web API call and its answer, once answered. */
  onCall(listener: SlackCallListener): void;
  /** A response URL on this server; posts to it are recorded. Without an id, a fresh one each call. */
  responseUrl(id?: string): string;
  /** From now on every response URL answers 404 expired_url. */
  expireResponseUrls(): void;
  setUserGroups(groupId: string, users: string[]): void;
  /** Make `method` answer `{ok: false, error}` (e.g. "ratelimited", "missing_scope") until `handle` resets it. */
  failMethod(method: string, error: string): void;
  /** Replace the answer of a method (the `ok: true` is added unless the handler sets `ok`). */
  handle(method: string, handler: SlackMethodHandler): void;
  /** Holds every call of `method` `ms` before recording and answering it, as a slow Slack would (0: no more). */
  delayMethod(method: string, ms: number): void;
  /** Back to the built-in answer of a method after `failMethod` or `handle`. */
  restore(method: string): void;
  callsTo(method: string): SlackApiCall[];
  /** Polls until `predicate` returns a truthy value, which it resolves with; rejects after `timeoutMs` (default 3 s). */
  waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  /** Forgets calls and hits (not groups, handlers or expiry). */
  clear(): void;
  close(): Promise<void>;
}

const RESPONSE_PREFIX = "/response/";
/** Slack refuses Web API bodies far below this; the stand-in only guards its own memory. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

export async function startFakeSlackApi(options: SlackApiOptions = {}): Promise<FakeSlackApi> {
  const calls: SlackApiCall[] = [];
  const responseUrlHits: ResponseUrlHit[] = [];
  const hitListeners: Array<(hit: ResponseUrlHit) => void> = [];
  const callListeners: SlackCallListener[] = [];
  const userGroups = new Map<string, string[]>();
  const handlers = new Map<string, SlackMethodHandler>();
  const delays = new Map<string, number>();
  let expired = false;
  let responseCounter = 0;
  let tsCounter = 0;
  let viewCounter = 0;

  const nextTs = (): string => `1700000000.${String(++tsCounter).padStart(6, "0")}`;

  const defaults: Record<string, SlackMethodHandler> = {
    "auth.test": () => ({
      url: "https://fake.slack.com/",
      team: "Fake",
      user: "wa-moderator",
      team_id: "T0FAKE",
      user_id: "U0BOT",
      bot_id: "B0BOT",
    }),
    "chat.postMessage": (body) => {
      const ts = nextTs();
      return {
        channel: body.channel,
        ts,
        message: { type: "message", text: body.text, blocks: body.blocks, ts },
      };
    },
    "chat.postEphemeral": () => ({ message_ts: nextTs() }),
    "chat.update": (body) => ({ channel: body.channel, ts: body.ts, text: body.text }),
    "chat.delete": (body) => ({ channel: body.channel, ts: body.ts }),
    "views.open": (body) => ({
      view: { id: `V${String(++viewCounter).padStart(6, "0")}`, ...(body.view as object) },
    }),
    "views.update": (body) => ({ view: { id: body.view_id ?? "V000000", ...(body.view as object) } }),
    "views.push": (body) => ({
      view: { id: `V${String(++viewCounter).padStart(6, "0")}`, ...(body.view as object) },
    }),
    "usergroups.users.list": (body) => {
      const users = userGroups.get(String(body.usergroup));
      return users === undefined ? { ok: false, error: "no_such_subteam" } : { users };
    },
  };

  const answerApi = (method: string, body: Record<string, unknown>, token: string | undefined) => {
    if (token === undefined || token.length === 0) return { ok: false, error: "not_authed" };
    if (options.token !== undefined && token !== options.token) return { ok: false, error: "invalid_auth" };
    const handler = handlers.get(method) ?? defaults[method];
    if (handler === undefined) return { ok: false, error: "unknown_method" };
    return { ok: true, ...handler(body) };
  };

  const server = createServer((req, res) => {
    void (async () => {
      const raw = (await readBody(req, MAX_BODY_BYTES)).toString("utf8");
      const path = new URL(req.url ?? "/", "http://fake").pathname;
      if (req.method !== "POST") return sendJson(res, 405, { ok: false, error: "method_not_allowed" });
      let body: Record<string, unknown>;
      try {
        body = decodeBody(raw, req.headers["content-type"]);
      } catch {
        return sendJson(res, 400, { ok: false, error: "invalid_json" });
      }
      if (path.startsWith(RESPONSE_PREFIX)) {
        const status = expired ? 404 : 200;
        const hit = { path, body, status };
        responseUrlHits.push(hit);
        for (const listener of hitListeners) listener(hit);
        return sendJson(res, status, expired ? { ok: false, error: "expired_url" } : { ok: true });
      }
      if (path.startsWith("/api/")) {
        const method = path.slice("/api/".length);
        const delay = delays.get(method);
        if (delay !== undefined) await new Promise((resolve) => setTimeout(resolve, delay));
        const header = req.headers.authorization;
        const token = header?.startsWith("Bearer ")
          ? header.slice("Bearer ".length)
          : (body.token as string | undefined);
        const call = { method, body, ...(token === undefined ? {} : { token }) };
        calls.push(call);
        const answer = answerApi(method, body, token);
        if (answer.ok === true) for (const listener of callListeners) listener(call, answer);
        return sendJson(res, 200, answer);
      }
      return sendJson(res, 404, { ok: false, error: "not_found" });
    })().catch((error: unknown) =>
      error instanceof BodyTooLargeError
        ? sendJson(res, 413, { ok: false, error: "request_too_large" })
        : sendJson(res, 500, { ok: false, error: "fake_failed" }),
    );
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  return {
    url: `${base}/api/`,
    calls,
    responseUrlHits,
    onResponseUrlHit: (listener) => {
      hitListeners.push(listener);
    },
    onCall: (listener) => {
      callListeners.push(listener);
    },
    responseUrl: (id) => `${base}${RESPONSE_PREFIX}${id ?? `r${++responseCounter}`}`,
    expireResponseUrls: () => {
      expired = true;
    },
    setUserGroups: (groupId, users) => {
      userGroups.set(groupId, [...users]);
    },
    failMethod: (method, error) => {
      handlers.set(method, () => ({ ok: false, error }));
    },
    handle: (method, handler) => {
      handlers.set(method, handler);
    },
    delayMethod: (method, ms) => {
      if (ms > 0) delays.set(method, ms);
      else delays.delete(method);
    },
    restore: (method) => {
      handlers.delete(method);
    },
    callsTo: (method) => calls.filter((call) => call.method === method),
    waitFor: async <T>(predicate: () => T | undefined | null | false, timeoutMs = 3000): Promise<T> => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = predicate();
        if (value) return value;
        if (Date.now() > deadline) {
          const seen = calls.map((call) => call.method).join(", ") || "none";
          throw new Error(
            `fake Slack API: condition not met within ${timeoutMs} ms (API calls: ${seen}; response URL hits: ${responseUrlHits.length})`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    clear: () => {
      calls.length = 0;
      responseUrlHits.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
