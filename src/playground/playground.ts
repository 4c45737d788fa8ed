import type { IncomingMessage, ServerResponse } from "node:http";
import type { CustomRoute } from "@slack/bolt";
import type { AppLogger } from "../log/logger.js";
import type { AnySandboxHandle } from "../sandbox/index.js";
import { createChannelModel } from "./channel-model.js";
import { PLAYGROUND_CSS, PLAYGROUND_HTML, playgroundScript } from "./page.js";
import { createMrkdwnReader } from "./page-mrkdwn.js";
import { createActions, type PlaygroundAction, type RunningLocalBot } from "./playground-actions.js";
import type { FakeSlackApi } from "./slack-api.js";
import { LOCAL_TEAM } from "./slack-requests.js";

/**
 * The playground (docs/CONTRACT.md §9): the page, its state (long-polled) and its actions, over the workspace
 * model the stand-in feeds (channel-model.ts). Every action reaches the bot as Slack's requests do
 * (playground-actions.ts); nothing here calls the moderation core.
 */

export interface PlaygroundPeople {
  moderator: string;
  visitor: string;
  channels: { moderation: string; relay: string; audit: string };
}

const MAX_BODY = 64 * 1024;
const WAIT_MS = 15_000;
/** How many sandbox users the page offers as senders of an inbound message. */
const SENDERS_SHOWN = 12;

export function createPlayground(deps: {
  standIn: FakeSlackApi;
  signingSecret: string;
  people: PlaygroundPeople;
  logger: AppLogger;
}) {
  const { people } = deps;
  const model = createChannelModel(deps.standIn);
  let moderator = true;
  let bot: RunningLocalBot | undefined;

  const channels = [
    { id: people.channels.moderation, name: "moderation", about: "type /wa-check help to start" },
    { id: people.channels.relay, name: "whatsapp-inbox", about: "RELAY_CHANNEL: inbound WhatsApp messages" },
    { id: people.channels.audit, name: "moderation-audit", about: "AUDIT_CHANNEL: every moderation action" },
  ];
  const channelName = (id: string): string => channels.find((c) => c.id === id)?.name ?? "moderation";
  const authors = {
    [people.moderator]: "you",
    [people.visitor]: "visitor",
    slackbot: "Slackbot",
    bot: "wa-moderator",
  };
  const mrkdwn = createMrkdwnReader({
    ...authors,
    ...Object.fromEntries(channels.map((c) => [c.id, c.name])),
  });
  const actor = (): string => (moderator ? people.moderator : people.visitor);

  const act = createActions({
    model,
    signingSecret: deps.signingSecret,
    bot: () => bot,
    user: () => ({ id: actor(), username: moderator ? "you" : "visitor", team_id: LOCAL_TEAM.id }),
    setModerator: (on) => {
      moderator = on;
    },
    channelName,
  });

  const state = () => ({
    version: model.version(),
    me: { id: actor(), moderator },
    people: authors,
    channels,
    messages: model.messages.map(mrkdwn.message),
    view: mrkdwn.withNodes(model.topView()),
    whatsapp: bot?.sandbox
      ? { shape: bot.sandbox.shape, senders: sandboxSenders(bot.sandbox) }
      : { shape: "none", senders: [] },
  });

  const sendState = (res: ServerResponse) => send(res, 200, "application/json", JSON.stringify(state()));

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
      // Long poll: answers at once when the page is behind, else at the next change (or after WAIT_MS).
      path: "/playground/state",
      method: ["GET"],
      handler: (req, res) => {
        const after = Number(new URL(req.url ?? "/", "http://local").searchParams.get("after") ?? "-1");
        if (after < model.version()) return sendState(res);
        const forget = model.onNextChange(() => {
          clearTimeout(timer);
          sendState(res);
        });
        const timer = setTimeout(() => {
          forget();
          sendState(res);
        }, WAIT_MS);
      },
    },
    {
      path: "/playground/act",
      method: ["POST"],
      handler: (req, res) => {
        void readJson(req)
          .then(async (action) => {
            const result = await act(action as PlaygroundAction);
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
    attach(running: RunningLocalBot) {
      bot = running;
      model.changed();
    },
    close() {
      model.wakeAll();
    },
  };
}

/** The sandbox's users a moderator may try, blocked ones left out, at most SENDERS_SHOWN. */
function sandboxSenders(sandbox: AnySandboxHandle): Array<{ from: string; label: string }> {
  const out: Array<{ from: string; label: string }> = [];
  for (const [key, user] of sandbox.state.users) {
    if (user.waId === undefined || sandbox.state.blocklist.includes(key)) continue;
    out.push({ from: `+${user.waId}`, label: `${user.name ?? "WhatsApp user"} (+${user.waId})` });
    if (out.length >= SENDERS_SHOWN) break;
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
