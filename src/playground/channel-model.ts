import type { FakeSlackApi, ResponseUrlHit } from "./slack-api.js";

/**
 * The playground's workspace as a person would see it (docs/CONTRACT.md §9): channels' messages and the open
 * modal, fed only by what the bot sends the stand-in (Web API calls, response URL posts) and the
 * acknowledgements of the requests the page sent. Every change bumps `version`, which the page long-polls.
 */

export interface PlaygroundMessage {
  id: string;
  channel: string;
  ts: string;
  /** When it was posted (ms), for the time shown. */
  at: number;
  /** "bot", "slackbot", or the Slack user id who typed it. */
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

/** Where an answer through a response URL (or an acknowledgement) lands, and the message it may replace. */
export interface AnswerTarget {
  channel: string;
  messageId?: string | undefined;
}

type NewMessage = Omit<PlaygroundMessage, "id" | "edits" | "ts" | "at"> & { ts?: string };

const asBlocks = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asText = (value: unknown): string => (typeof value === "string" ? value : "");

export function createChannelModel(standIn: FakeSlackApi) {
  const messages: PlaygroundMessage[] = [];
  let views: PlaygroundView[] = [];
  const answerTargets = new Map<string, AnswerTarget>();
  let version = 0;
  let nextId = 0;
  let tsCounter = 0;
  let blockCounter = 0;
  let waiters: Array<() => void> = [];

  const changed = (): void => {
    version += 1;
    const woken = waiters;
    waiters = [];
    for (const wake of woken) wake();
  };

  /** As Slack does, a block sent without a block_id gets one of its own, unique in the workspace. */
  const withBlockIds = (value: unknown): unknown[] =>
    asBlocks(value).map((block) =>
      typeof block === "object" && block !== null && !("block_id" in block)
        ? { ...block, block_id: `pg${(++blockCounter).toString(36)}` }
        : block,
    );

  const findMessage = (id: string) => messages.find((message) => message.id === id);

  const addMessage = (message: NewMessage): PlaygroundMessage => {
    const added: PlaygroundMessage = {
      id: `m${++nextId}`,
      ts: message.ts ?? `${Math.floor(Date.now() / 1000)}.${String(++tsCounter).padStart(6, "0")}`,
      at: Date.now(),
      edits: 0,
      ...message,
      blocks: withBlockIds(message.blocks),
    };
    messages.push(added);
    changed();
    return added;
  };

  const replaceContent = (message: PlaygroundMessage, body: Record<string, unknown>): void => {
    message.text = asText(body.text);
    message.blocks = withBlockIds(body.blocks);
    message.edits += 1;
    changed();
  };

  /** A response URL post or an acknowledgement with a body: replaces, deletes or adds, as Slack would. */
  const showAnswer = (body: Record<string, unknown>, target: AnswerTarget): void => {
    const original = target.messageId === undefined ? undefined : findMessage(target.messageId);
    if (body.delete_original === true && original) {
      messages.splice(messages.indexOf(original), 1);
      changed();
      return;
    }
    if (body.replace_original === true && original) {
      replaceContent(original, body);
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
    const target = answerTargets.get(hit.path);
    if (target && typeof hit.body === "object" && hit.body !== null) {
      showAnswer(hit.body as Record<string, unknown>, target);
    }
  });

  standIn.onCall((call, answer) => {
    const body = call.body;
    switch (call.method) {
      case "chat.postMessage":
      case "chat.postEphemeral":
        addMessage({
          channel: asText(body.channel),
          author: "bot",
          ephemeral: call.method === "chat.postEphemeral",
          text: asText(body.text),
          blocks: asBlocks(body.blocks),
          ...(call.method === "chat.postMessage" ? { ts: asText(answer.ts) } : {}),
          ...(body.metadata === undefined ? {} : { metadata: body.metadata }),
        });
        break;
      case "chat.update": {
        const original = messages.find((m) => m.channel === body.channel && m.ts === body.ts);
        if (original) replaceContent(original, body);
        break;
      }
      case "views.open":
      case "views.push":
        openView(answer.view as Record<string, unknown>);
        break;
      case "views.update": {
        const view = answer.view as Record<string, unknown>;
        const index = views.findIndex((open) => open.id === view.id);
        if (index >= 0) views[index] = { id: asText(view.id), view, errors: {} };
        changed();
        break;
      }
    }
  });

  const openView = (view: Record<string, unknown>): void => {
    views.push({ id: asText(view.id), view, errors: {} });
    changed();
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

  return {
    messages,
    findMessage,
    addMessage,
    showAnswer,
    changed,
    applyViewAnswer,
    version: () => version,
    findView: (id: string) => views.find((view) => view.id === id),
    topView: () => views.at(-1) ?? null,
    closeView(id: string): void {
      views = views.filter((view) => view.id !== id);
      changed();
    },
    /** A response URL on the stand-in whose posts land at `target`. */
    responseUrl(target: AnswerTarget): string {
      const url = standIn.responseUrl();
      answerTargets.set(new URL(url).pathname, target);
      return url;
    },
    /** Calls `wake` at the next change; returns a function that forgets it. */
    onNextChange(wake: () => void): () => void {
      waiters.push(wake);
      return () => {
        waiters = waiters.filter((waiter) => waiter !== wake);
      };
    },
    /** Wakes every long poll (the page reloads the state), e.g. when stopping. */
    wakeAll: changed,
  };
}

export type ChannelModel = ReturnType<typeof createChannelModel>;
