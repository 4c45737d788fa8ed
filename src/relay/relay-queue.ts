import { DAY_MS } from "../common/time.js";
import type { AppStore } from "../store/types.js";
import { RelayQueueError } from "./errors.js";
import type { InboundMessage } from "./types.js";

/**
 * The relay's durable queue in the store's `relay` namespace, shared by every replica (docs/CONTRACT.md §5,
 * "Relay queue"). Positions are numbered by an atomic counter (`q:tail`); `q:item:<n>` holds the message at
 * position n; `q:head` is the last position handled (posted, or found a duplicate or a hole). Handling position
 * n takes the lease `q:lease:<n>` and ends by writing `q:done:<n>`, then moving `q:head` to n: the head is only
 * ever set to an absolute value, so a late or repeated write of it is harmless. `q:seal:<n>` decides, once and
 * for all replicas, whether position n holds a message: the writer claims it after storing the item, a drainer
 * claims it to skip n as never written; whoever loses that claim knows which happened.
 */
export interface QueuedMessage {
  message: InboundMessage;
  /** When it was queued (ms since the epoch), for the oldest-age metric. */
  queuedAt: number;
}

export interface RelayQueue {
  /** Stores `message` at a new position; resolves once it is durably in the store. Returns the position. */
  push(message: InboundMessage): Promise<number>;
  /**
   * Claims a position whose message was never written, so it can be skipped; false when its writer sealed it
   * first, which means the message is stored there now.
   */
  sealHole(position: number): Promise<boolean>;
  /** Takes a position back after a duplicate was found at the enqueue (best effort: the drain skips it anyway). */
  drop(position: number): Promise<void>;
  head(): Promise<number>;
  tail(): Promise<number>;
  item(position: number): Promise<QueuedMessage | undefined>;
  /** True for the one caller that may handle `position` until `leaseMs` pass or it is released. */
  lease(position: number, leaseMs: number): Promise<boolean>;
  releaseLease(position: number): Promise<void>;
  isDone(position: number): Promise<boolean>;
  /** Marks `position` handled and moves the head to it; the message id is remembered as relayed. */
  complete(position: number, messageId?: string): Promise<void>;
  /** Whether a message id was already relayed (a second delivery of it queued at another position). */
  relayed(messageId: string): Promise<boolean>;
  /** Until when (ms since the epoch) the channel rests after a Slack 429; 0 when it does not. */
  pausedUntil(): Promise<number>;
  pauseUntil(at: number): Promise<void>;
}

// A drainer that keeps sealing each new position (a store slower than its hole grace) makes the enqueue fail.
const PUSH_ATTEMPTS = 3;
// Counters must outlive any backlog: a tail that expired would reuse positions.
const COUNTER_TTL_MS = 3650 * DAY_MS;
// WhatsApp redelivers for up to 7 days: dedupe and done marks live that long; an item waits as long as needed.
const MARK_TTL_MS = 7 * DAY_MS;
const ITEM_TTL_MS = 30 * DAY_MS;

export function createRelayQueue(store: Pick<AppStore, "namespace" | "atomic">): RelayQueue {
  const items = store.namespace<QueuedMessage>("relay");
  const marks = store.namespace<number>("relay");
  const now = Date.now;
  return {
    async push(message) {
      for (let attempt = 1; ; attempt++) {
        const position = await store.atomic.increment("relay", "q:tail", 1, COUNTER_TTL_MS);
        await items.set(`q:item:${position}`, { message, queuedAt: now() }, ITEM_TTL_MS);
        if (await store.atomic.claim("relay", `q:seal:${position}`, MARK_TTL_MS)) return position;
        // A drainer gave this position up while the write was slow: it will never be read, so queue again.
        await items.delete(`q:item:${position}`).catch(() => undefined);
        if (attempt === PUSH_ATTEMPTS) throw new RelayQueueError(position);
      }
    },
    sealHole: (position) => store.atomic.claim("relay", `q:seal:${position}`, MARK_TTL_MS),
    async drop(position) {
      await marks.set(`q:done:${position}`, 1, MARK_TTL_MS);
      await items.delete(`q:item:${position}`);
    },
    head: async () => (await marks.get("q:head")) ?? 0,
    tail: () => store.atomic.read("relay", "q:tail"),
    item: (position) => items.get(`q:item:${position}`),
    lease: (position, leaseMs) => store.atomic.claim("relay", `q:lease:${position}`, leaseMs),
    releaseLease: (position) => store.atomic.release("relay", `q:lease:${position}`),
    isDone: async (position) => (await marks.get(`q:done:${position}`)) !== undefined,
    async complete(position, messageId) {
      // The marks first: a crash before the head moves leaves a position that is found handled.
      await Promise.all([
        messageId === undefined ? undefined : marks.set(`q:relayed:${messageId}`, 1, MARK_TTL_MS),
        marks.set(`q:done:${position}`, 1, MARK_TTL_MS),
      ]);
      await Promise.all([marks.set("q:head", position, COUNTER_TTL_MS), items.delete(`q:item:${position}`)]);
    },
    relayed: async (messageId) => (await marks.get(`q:relayed:${messageId}`)) !== undefined,
    pausedUntil: async () => (await marks.get("q:pause")) ?? 0,
    async pauseUntil(at) {
      await marks.set("q:pause", at, Math.max(1, at - now()) + 60_000);
    },
  };
}
