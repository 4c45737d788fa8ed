import { createRelayDelivery } from "../../src/relay/relay-service.js";
import type { InboundMessage, RelayPost, ThreadIndex } from "../../src/relay/types.js";
import { captureLogger } from "../support/capture-logger.js";

/** Relayed messages delivered to a Slack, store and thread index that live in memory, for the relay-service tests. */

export const CHANNEL = "C0RELAY";
export const NOON_JUNE_10 = Date.parse("2024-06-10T12:00:00Z") / 1000;
export const DAY = 24 * 60 * 60;

export function message(id: string, overrides: Partial<InboundMessage> = {}): InboundMessage {
  // A partial override may drop the wa_id for a BSUID: the result names one or the other.
  return {
    waId: "16315551234",
    messageId: id,
    timestamp: NOON_JUNE_10,
    type: "text",
    text: `text of ${id}`,
    ...overrides,
  } as InboundMessage;
}

/** The thread index of one store in memory, claims included; `held` are claims another replica holds. */
export function memoryThreadIndex(held: string[] = []): ThreadIndex {
  const threads = new Map<string, string>();
  const claims = new Set(held);
  return {
    get: async (contact, day) => threads.get(`${contact}:${day}`),
    set: async (contact, day, ts) => {
      threads.set(`${contact}:${day}`, ts);
    },
    claimOpening: async (contact, day) => {
      if (claims.has(`${contact}:${day}`)) return false;
      claims.add(`${contact}:${day}`);
      return true;
    },
    releaseOpening: async (contact, day) => {
      claims.delete(`${contact}:${day}`);
    },
  };
}

/** The delivery of relayed messages to a Slack and a thread index that live in memory. */
export function setup(
  options: { failPostsOf?: string[]; now?: number; threads?: ThreadIndex; threadWaitMs?: number } = {},
) {
  const posts: RelayPost[] = [];
  const failing = new Set(options.failPostsOf);
  const logger = captureLogger();
  const deliver = createRelayDelivery({
    channel: CHANNEL,
    logger,
    threads: options.threads ?? memoryThreadIndex(),
    ...(options.threadWaitMs === undefined ? {} : { threadWaitMs: options.threadWaitMs }),
    now: () => (options.now ?? NOON_JUNE_10 + DAY * 30) * 1000,
    post: async (post) => {
      if (failing.has(String(post.metadata.event_payload.message_id))) {
        throw new Error("An API error occurred: channel_not_found");
      }
      posts.push(post);
      return { ts: `1718020800.00010${posts.length}` };
    },
  });
  /** Delivers each message in turn, as the drainer does. */
  const deliverAll = async (messages: InboundMessage[]) => {
    for (const message of messages) await deliver(message);
  };
  /** `failing` holds the message ids whose posts fail: remove one to let Slack take it again. */
  return { deliver, deliverAll, posts, failing, logger };
}
