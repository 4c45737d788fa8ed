import type { InboundRecord } from "../../src/moderation/types.js";
import { createRelay } from "../../src/relay/relay-service.js";
import type { InboundMessage, RelayPost, ThreadIndex } from "../../src/relay/types.js";
import { captureLogger } from "../support/capture-logger.js";

/** A relay whose Slack, store and thread index live in memory, for the relay-service tests. */

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

/** A relay with a poster and an inbound log that behave like Slack and the store, in memory. */
export function setup(
  options: {
    failPostsOf?: string[];
    recordFails?: boolean;
    releaseFails?: boolean;
    now?: number;
    threads?: ThreadIndex;
    threadWaitMs?: number;
  } = {},
) {
  const posts: RelayPost[] = [];
  const recorded: InboundRecord[] = [];
  const released: string[] = [];
  const seen = new Set<string>();
  const failing = new Set(options.failPostsOf);
  const logger = captureLogger();
  const relay = createRelay({
    channel: CHANNEL,
    logger,
    threads: options.threads ?? memoryThreadIndex(),
    ...(options.threadWaitMs === undefined ? {} : { threadWaitMs: options.threadWaitMs }),
    now: () => (options.now ?? NOON_JUNE_10 + DAY * 30) * 1000,
    inbound: {
      record: async (record) => {
        if (options.recordFails) throw new Error("store unreachable");
        recorded.push(record);
        if (seen.has(record.messageId)) return false;
        seen.add(record.messageId);
        return true;
      },
      release: async (messageId) => {
        if (options.releaseFails) throw new Error("store unreachable");
        released.push(messageId);
        seen.delete(messageId);
      },
    },
    post: async (post) => {
      if (failing.has(String(post.metadata.event_payload.message_id))) {
        throw new Error("An API error occurred: channel_not_found");
      }
      posts.push(post);
      return { ts: `1718020800.00010${posts.length}` };
    },
  });
  /** `failing` holds the message ids whose posts fail: remove one to let Slack take it again. */
  return { relay, posts, recorded, released, failing, logger };
}
