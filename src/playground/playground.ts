import { createHmac } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CustomRoute } from "@slack/bolt";
import type { AppLogger } from "../log/logger.js";
import type { AnySandboxHandle } from "../sandbox/index.js";
import { PLAYGROUND_CSS, PLAYGROUND_HTML, playgroundScript } from "./page.js";
import type { FakeSlackApi, ResponseUrlHit } from "./slack-api.js";

/**
 * The playground (docs/CONTRACT.md §9): a Slack channel model fed only by what the bot sends the stand-in (Web API
 * calls, response URL posts, acknowledgements), and the page's actions turned into the requests Slack would send,
 * signed and POSTed to the bot's own /slack/events. Nothing here calls the moderation core.
 */

export interface PlaygroundPeople {
  moderator: string;
  visitor: string;
  channels: { moderation: string; relay: string; audit: string };
}

export interface PlaygroundMessage {
  id: string;
  channel: string;
  ts: string;
  /** When it was posted (ms), for the time shown. */
  at: number;
  /** "bot", or the Slack user id who typed it. */
  author: string;
  ephemeral: boolean;
  text: string;
  blocks: unknown[];
  metadata?: unknown;
  /** Times it was replaced in place. */
  edits: number;
}

export interface PlaygroundView {
  id: string;
  view: Record<string, unknown>;
  errors: Record<string, string>;
}

type Action =
  | { type: "command"; channel: string; text: string }
  | { type: "button"; messageId: string; actionId: string; blockId: string; value: string; text: string }
  | { type: "shortcut"; messageId: string }
  | { type: "submit"; viewId: string; values: Record<string, Record<string, Record<string, unknown>>> }
  | { type: "close"; viewId: string }
  | { type: "inbound"; from: string; text: string }
  | { type: "moderator"; on: boolean };

const MAX_BODY = 64 * 1024;
const WAIT_MS = 15_000;

export function createPlayground(deps: {
  standIn: FakeSlackApi;
  signingSecret: string;
  people: PlaygroundPeople;
  logger: AppLogger;
}) {
  const { standIn, people } = deps;
  const messages: PlaygroundMessage[] = [];
  let views: PlaygroundView[] = [];
  /** Response URL path → the channel it answers in and the message it may replace. */
  const responseTargets = new Map<string, { channel: string; messageId?: string | undefined }>();
  let version = 0;
  let nextId = 0;
  let tsCounter = 0;
  let moderator = true;
  let bot: { port: number; sandbox?: AnySandboxHandle | undefined } | undefined;
  let waiters: Array<() => void> = [];

  const changed = (): void => {
    version += 1;
    const woken = waiters;
    waiters = [];
    for (const wake of woken) wake();
  };
  const actor = (): string => (moderator ? people.moderator : people.visitor);
  const findMessage = (id: string) => messages.find((message) => message.id === id);

  const addMessage = (message: Omit<PlaygroundMessage, "id" | "edits" | "ts" | "at"> & { ts?: string }) => {
    const added: PlaygroundMessage = {
      id: `m${++nextId}`,
      ts: message.ts ?? `${Math.floor(Date.now() / 1000)}.${String(++tsCounter).padStart(6, "0")}`,
      at: Date.now(),
      edits: 0,
      ...message,
    } as PlaygroundMessage;
    messages.push(added);
    changed();
    return added;
  };

  const asBlocks = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  const asText = (value: unknown): string => (typeof value === "string" ? value : "");

  const showAnswer = (
    body: Record<string, unknown>,
    target: { channel: string; messageId?: string | undefined },
  ) => {
    const original = target.messageId === undefined ? undefined : findMessage(target.messageId);
    if (body.delete_original === true && original) {
      messages.splice(messages.indexOf(original), 1);
      changed();
      return;
    }
    if (body.replace_original === true && original) {
      original.text = asText(body.text);
      original.blocks = asBlocks(body.blocks);
      original.edits += 1;
      changed();
      return;
    }
    const added = addMessage({
      channel: target.channel,
      author: "bot",
      ephemeral: body.response_type !== "in_channel",
      text: asText(body.text),
      blocks: asBlocks(body.blocks),
    });
    // As on Slack, a later replace_original on this response URL replaces what it posted.
    if (original === undefined) target.messageId = added.id;
  };

  standIn.onResponseUrlHit((hit: ResponseUrlHit) => {
    const target = responseTargets.get(hit.path);
    if (target && typeof hit.body === "object" && hit.body !== null) {
      showAnswer(hit.body as Record<string, unknown>, target);
    }
  });

  standIn.onCall((call, answer) => {
    const body = call.body;
    switch (call.method) {
      case "chat.postMessage":
        addMessage({
          channel: asText(body.channel),
          ts: asText(answer.ts),
          author: "bot",
          ephemeral: false,
          text: asText(body.text),
          blocks: asBlocks(body.blocks),
          ...(body.metadata === undefined ? {} : { metadata: body.metadata }),
        });
        break;
      case "chat.postEphemeral":
        addMessage({
          channel: asText(body.channel),
          author: "bot",
          ephemeral: true,
          text: asText(body.text),
          blocks: asBlocks(body.blocks),
        });
        break;
      case "chat.update": {
        const original = messages.find((m) => m.channel === body.channel && m.ts === body.ts);
        if (original) {
          original.text = asText(body.text);
          original.blocks = asBlocks(body.blocks);
          original.edits += 1;
          changed();
        }
        break;
      }
      case "views.open":
      case "views.push": {
        const view = answer.view as Record<string, unknown>;
        views.push({ id: asText(view.id), view, errors: {} });
        changed();
        break;
      }
      case "views.update": {
        const view = answer.view as Record<string, unknown>;
        const index = views.findIndex((open) => open.id === view.id);
        if (index >= 0) views[index] = { id: asText(view.id), view, errors: {} };
        changed();
        break;
      }
    }
  });

  /** POSTs `body` to /slack/events signed as Slack signs it (v0 HMAC-SHA256 over "v0:ts:body"). */
  const sendToBot = async (body: string): Promise<{ status: number; text: string }> => {
    if (bot === undefined) throw new Error("the playground is not attached to a running bot");
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac("sha256", deps.signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
    const response = await fetch(`http://127.0.0.1:${bot.port}/slack/events`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": signature,
      },
      body,
    });
    return { status: response.status, text: await response.text() };
  };

  const user = () => ({
    id: actor(),
    username: actor() === people.moderator ? "you" : "visitor",
    team_id: "T0LOCAL",
  });
  const responseUrl = (target: { channel: string; messageId?: string | undefined }): string => {
    const url = standIn.responseUrl();
    responseTargets.set(new URL(url).pathname, target);
    return url;
  };
  const payload = (value: Record<string, unknown>) =>
    new URLSearchParams({ payload: JSON.stringify(value) }).toString();
  const triggerId = () => `${Date.now()}.${++nextId}.trigger`;

  /** An acknowledgement with a body answers in the channel, ephemeral unless it says otherwise (Slack does the same). */
  const showAck = (text: string, target: { channel: string; messageId?: string | undefined }): void => {
    if (text.trim() === "") return;
    try {
      const body = JSON.parse(text) as Record<string, unknown>;
      if (body.text !== undefined || body.blocks !== undefined) showAnswer(body, target);
    } catch {
      addMessage({ channel: target.channel, author: "bot", ephemeral: true, text, blocks: [] });
    }
  };

  const messageFor = (message: PlaygroundMessage) => ({
    type: "message",
    ts: message.ts,
    text: message.text,
    blocks: message.blocks,
    ...(message.author === "bot" ? { bot_id: "B0LOCAL" } : { user: message.author }),
    ...(message.metadata === undefined ? {} : { metadata: message.metadata }),
  });

  const act = async (action: Action): Promise<{ status: number; error?: string }> => {
    switch (action.type) {
      case "moderator":
        moderator = action.on;
        changed();
        return { status: 200 };
      case "inbound": {
        const sandbox = bot?.sandbox;
        if (sandbox === undefined) return { status: 409, error: "no sandbox: WhatsApp is a real backend" };
        await sandbox.simulateInbound({ from: action.from, text: action.text });
        return { status: 200 };
      }
      case "close":
        views = views.filter((view) => view.id !== action.viewId);
        changed();
        return { status: 200 };
      case "command": {
        const text = action.text.trim();
        addMessage({ channel: action.channel, author: actor(), ephemeral: false, text, blocks: [] });
        const match = /^\/(\S+)\s*([\s\S]*)$/.exec(text);
        if (match === null) return { status: 200 };
        if (match[1] !== "wa-check") {
          addMessage({
            channel: action.channel,
            author: "slackbot",
            ephemeral: true,
            text: `/${match[1]} is not a valid command. This playground knows /wa-check.`,
            blocks: [],
          });
          return { status: 200 };
        }
        // The acknowledgement and the response URL answer as one: a later replace_original replaces either.
        const target: { channel: string; messageId?: string | undefined } = { channel: action.channel };
        const body = new URLSearchParams({
          token: "unused",
          team_id: "T0LOCAL",
          team_domain: "local",
          channel_id: action.channel,
          channel_name: channelName(action.channel),
          user_id: actor(),
          user_name: user().username,
          command: "/wa-check",
          text: match[2] ?? "",
          api_app_id: "A0LOCAL",
          is_enterprise_install: "false",
          response_url: responseUrl(target),
          trigger_id: triggerId(),
        }).toString();
        const answer = await sendToBot(body);
        showAck(answer.text, target);
        return { status: answer.status };
      }
      case "button": {
        const message = findMessage(action.messageId);
        if (message === undefined) return { status: 404, error: "no such message" };
        const answer = await sendToBot(
          payload({
            type: "block_actions",
            user: user(),
            api_app_id: "A0LOCAL",
            token: "unused",
            container: {
              type: "message",
              message_ts: message.ts,
              channel_id: message.channel,
              is_ephemeral: message.ephemeral,
            },
            trigger_id: triggerId(),
            team: { id: "T0LOCAL", domain: "local" },
            enterprise: null,
            is_enterprise_install: false,
            channel: { id: message.channel, name: channelName(message.channel) },
            ...(message.ephemeral ? {} : { message: messageFor(message) }),
            state: { values: {} },
            response_url: responseUrl({ channel: message.channel, messageId: message.id }),
            actions: [
              {
                type: "button",
                action_id: action.actionId,
                block_id: action.blockId,
                text: { type: "plain_text", text: action.text, emoji: true },
                value: action.value,
                action_ts: `${Math.floor(Date.now() / 1000)}.000200`,
              },
            ],
          }),
        );
        return { status: answer.status };
      }
      case "shortcut": {
        const message = findMessage(action.messageId);
        if (message === undefined) return { status: 404, error: "no such message" };
        const answer = await sendToBot(
          payload({
            type: "message_action",
            token: "unused",
            action_ts: `${Math.floor(Date.now() / 1000)}.000300`,
            team: { id: "T0LOCAL", domain: "local" },
            user: user(),
            channel: { id: message.channel, name: channelName(message.channel) },
            is_enterprise_install: false,
            enterprise: null,
            callback_id: "report_sender",
            trigger_id: triggerId(),
            response_url: responseUrl({ channel: message.channel }),
            message_ts: message.ts,
            message: messageFor(message),
          }),
        );
        return { status: answer.status };
      }
      case "submit": {
        const open = views.find((view) => view.id === action.viewId);
        if (open === undefined) return { status: 404, error: "no such view" };
        const answer = await sendToBot(
          payload({
            type: "view_submission",
            team: { id: "T0LOCAL", domain: "local" },
            user: user(),
            api_app_id: "A0LOCAL",
            token: "unused",
            trigger_id: triggerId(),
            view: { ...open.view, id: open.id, team_id: "T0LOCAL", state: { values: action.values } },
            response_urls: [],
            is_enterprise_install: false,
            enterprise: null,
          }),
        );
        applyViewAnswer(open, answer.text);
        return { status: answer.status };
      }
    }
  };

  /** A view_submission's acknowledgement: errors stay in the modal; otherwise update, push, clear or close. */
  const applyViewAnswer = (open: PlaygroundView, text: string): void => {
    let body: Record<string, unknown> = {};
    try {
      body = text.trim() === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
    } catch {
      body = {};
    }
    if (body.response_action === "errors") {
      open.errors = (body.errors as Record<string, string>) ?? {};
    } else if (body.response_action === "update") {
      open.view = body.view as Record<string, unknown>;
      open.errors = {};
    } else if (body.response_action === "push") {
      views.push({ id: `V${Date.now()}`, view: body.view as Record<string, unknown>, errors: {} });
    } else if (body.response_action === "clear") {
      views = [];
    } else {
      views = views.filter((view) => view !== open);
    }
    changed();
  };

  const channelName = (id: string): string =>
    id === people.channels.relay
      ? "whatsapp-inbox"
      : id === people.channels.audit
        ? "moderation-audit"
        : "moderation";

  const state = () => ({
    version,
    me: { id: actor(), moderator },
    people: {
      [people.moderator]: "you",
      [people.visitor]: "visitor",
      slackbot: "Slackbot",
      bot: "wa-moderator",
    },
    channels: [
      { id: people.channels.moderation, name: "moderation", about: "type /wa-check help to start" },
      {
        id: people.channels.relay,
        name: "whatsapp-inbox",
        about: "RELAY_CHANNEL: inbound WhatsApp messages",
      },
      {
        id: people.channels.audit,
        name: "moderation-audit",
        about: "AUDIT_CHANNEL: every moderation action",
      },
    ],
    messages,
    view: views.at(-1) ?? null,
    whatsapp: bot?.sandbox
      ? { shape: bot.sandbox.shape, senders: sandboxSenders(bot.sandbox) }
      : { shape: "none", senders: [] },
  });

  const routes: CustomRoute[] = [
    { path: "/", method: ["GET"], handler: (_req, res) => send(res, 200, "text/html", PLAYGROUND_HTML) },
    {
      path: "/playground/app.css",
      method: ["GET"],
      handler: (_req, res) => send(res, 200, "text/css", PLAYGROUND_CSS),
    },
    {
      path: "/playground/app.js",
      method: ["GET"],
      handler: (_req, res) => send(res, 200, "text/javascript", playgroundScript()),
    },
    {
      path: "/playground/state",
      method: ["GET"],
      handler: (req, res) => {
        const after = Number(new URL(req.url ?? "/", "http://local").searchParams.get("after") ?? "-1");
        const answer = () => send(res, 200, "application/json", JSON.stringify(state()));
        if (after < version) return answer();
        const timer = setTimeout(() => {
          waiters = waiters.filter((wake) => wake !== answerOnce);
          answer();
        }, WAIT_MS);
        const answerOnce = () => {
          clearTimeout(timer);
          answer();
        };
        waiters.push(answerOnce);
      },
    },
    {
      path: "/playground/act",
      method: ["POST"],
      handler: (req, res) => {
        void readJson(req)
          .then(async (action) => {
            const result = await act(action as Action);
            send(res, result.status < 300 ? 200 : result.status, "application/json", JSON.stringify(result));
          })
          .catch((error: unknown) => {
            deps.logger.warn("a playground action failed", { error: String(error) });
            send(res, 400, "application/json", JSON.stringify({ error: String(error) }));
          });
      },
    },
  ];

  return {
    routes,
    attach(running: { port: number; sandbox?: AnySandboxHandle | undefined }) {
      bot = running;
      changed();
    },
    close() {
      const woken = waiters;
      waiters = [];
      for (const wake of woken) wake();
    },
  };
}

/** The sandbox's users a moderator may try: engaged first (their window is open), then the others, at most 12. */
function sandboxSenders(sandbox: AnySandboxHandle): Array<{ from: string; label: string }> {
  const out: Array<{ from: string; label: string }> = [];
  for (const [key, user] of sandbox.state.users) {
    if (user.waId === undefined || sandbox.state.blocklist.includes(key)) continue;
    out.push({ from: `+${user.waId}`, label: `${user.name ?? "WhatsApp user"} (+${user.waId})` });
    if (out.length >= 12) break;
  }
  return out;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    "content-type": `${type}; charset=utf-8`,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  res.end(body);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error("too large");
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}
