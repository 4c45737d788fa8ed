import type { AppLogger } from "../log/logger.js";
import type { RelayQueue } from "./relay-queue.js";
import type { InboundMessage } from "./types.js";

export interface DrainerDeps {
  queue: RelayQueue;
  /** Posts one message (createRelayDelivery); rejects with the Slack error. */
  deliver(message: InboundMessage): Promise<void>;
  logger: AppLogger;
  /** Queue depth and its oldest message's age, each time the drainer looks and at least every second (/metrics). */
  observe?(depth: number, oldestSeconds: number): void;
  /** How long a replica may hold a position before another takes it over; longer than a post with retries. */
  leaseMs?: number;
  /** How often an idle drainer looks for new messages (another replica may have queued them). */
  pollMs?: number;
  /** How long a position with no message stays a hole being written before it is skipped. */
  holeGraceMs?: number;
  /** Waits after a post failed for another reason than a 429: doubled on each failure, up to the last. */
  retryMs?: readonly number[];
}

export interface RelayDrainer {
  /** Looks at the queue now rather than at the next poll (a message was just queued here). */
  wake(): void;
  /** Finishes the position in hand (at most `timeoutMs`), then stops. */
  stop(timeoutMs: number): Promise<void>;
}

// A post is at most about 14 s (web-client.ts) and a thread wait 10 s (thread-placement.ts).
export const RELAY_LEASE_MS = 60_000;
const POLL_MS = 250;
const OBSERVE_EVERY_MS = 1_000;
// An enqueue's item write gives up after the store's command timeout (5 s, store/backend.ts).
const HOLE_GRACE_MS = 15_000;
const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

const RATE_LIMITED = "slack_webapi_rate_limited_error";
const PLATFORM_ERROR = "slack_webapi_platform_error";
/** Slack's refusals of a post's content, which no retry of the same post can change (chat.postMessage errors). */
const CONTENT_REFUSALS: ReadonlySet<string> = new Set([
  "invalid_blocks",
  "invalid_blocks_format",
  "invalid_metadata_format",
  "invalid_metadata_schema",
  "metadata_too_large",
  "msg_too_long",
  "no_text",
]);

/** Slack's refusal of what the post says, as @slack/web-api reports it (WebAPIPlatformError), else undefined. */
function contentRefusal(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, data } = error as { code?: unknown; data?: { error?: unknown } };
  if (code !== PLATFORM_ERROR || typeof data?.error !== "string") return undefined;
  return CONTENT_REFUSALS.has(data.error) ? data.error : undefined;
}

/**
 * The message with only its ids and a note, for a post Slack refused for what the contact sent: it is still
 * relayed (a moderator sees that the contact wrote, and can act), and it no longer holds up every message after it.
 */
function withoutContent(message: InboundMessage, refusal: string): InboundMessage {
  const { text: _text, mediaNote: _note, profileName: _name, username: _username, ...ids } = message;
  return { ...ids, mediaNote: `(not shown: Slack refused to post this message's content: ${refusal})` };
}

/** A Slack 429 as @slack/web-api reports it with `rejectRateLimitedCalls` (WebAPIRateLimitedError). */
function retryAfterMs(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, retryAfter } = error as { code?: unknown; retryAfter?: unknown };
  if (code !== RATE_LIMITED || typeof retryAfter !== "number") return undefined;
  return Math.max(0, retryAfter * 1000);
}

/**
 * Drains the relay queue to Slack, one position at a time in queue order, so each sender's messages keep their
 * order (docs/CONTRACT.md §5, "Relay queue"). Every replica runs one; the lease on a position makes one of them
 * post it, and a replica that dies holding it loses it when the lease lapses. A 429 rests the channel, for every
 * replica, for the Retry-After Slack gave; any other failure is retried with backoff: nothing queued is dropped.
 */
export function startRelayDrainer(deps: DrainerDeps): RelayDrainer {
  const { queue, logger } = deps;
  const leaseMs = deps.leaseMs ?? RELAY_LEASE_MS;
  const pollMs = deps.pollMs ?? POLL_MS;
  const holeGraceMs = deps.holeGraceMs ?? HOLE_GRACE_MS;
  const retryMs = deps.retryMs ?? RETRY_MS;
  let stopping = false;
  let failures = 0;
  const holes = new Map<number, number>();
  // Positions whose post Slack refused for its content, and why: they are posted again without it.
  const refused = new Map<number, string>();
  let wakeUp: (() => void) | undefined;
  let woken = false;

  const rest = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      // The drainer alone never keeps the process alive (nor a bot whose start-up failed).
      timer.unref();
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });

  /** Depth and oldest age as every replica sees them, posting or not, resting or not (for /metrics). */
  const observeQueue = async (head: number, tail: number): Promise<void> => {
    if (deps.observe === undefined) return;
    const oldest = tail > head ? await queue.item(head + 1) : undefined;
    deps.observe(Math.max(0, tail - head), oldest ? Math.max(0, (Date.now() - oldest.queuedAt) / 1000) : 0);
  };

  /** Handles the next position if this replica may; answers how long to rest before looking again. */
  const step = async (): Promise<number> => {
    const [pausedUntil, head, tail] = await Promise.all([queue.pausedUntil(), queue.head(), queue.tail()]);
    await observeQueue(head, tail);
    const paused = pausedUntil - Date.now();
    // A long Retry-After is waited in short rests, so the metrics keep up with the queue meanwhile.
    if (paused > 0) return Math.min(paused, OBSERVE_EVERY_MS);
    const next = head + 1;
    if (next > tail) return pollMs;
    if (!(await queue.lease(next, leaseMs))) return Math.min(pollMs, 50);
    try {
      // Between our look and our lease another replica may have moved on, or posted, met a 429 and rested the
      // channel before giving the lease up: the lease makes both visible now.
      const [headNow, pausedNow] = await Promise.all([queue.head(), queue.pausedUntil()]);
      if (headNow !== head) return 0;
      if (pausedNow > Date.now()) return pausedNow - Date.now();
      const item = await queue.item(next);
      if (item === undefined) {
        // Handled already (a late head write) or never written (a hole).
        if (!(await queue.isDone(next))) return await skipHole(next);
        await queue.complete(next);
        return 0;
      }
      holes.delete(next);
      const { messageId } = item.message;
      if (await queue.relayed(messageId)) {
        logger.debug("duplicate inbound message skipped", { messageId });
        await queue.complete(next);
        return 0;
      }
      const refusal = refused.get(next);
      try {
        await deps.deliver(refusal === undefined ? item.message : withoutContent(item.message, refusal));
      } catch (error) {
        const content = refusal === undefined ? contentRefusal(error) : undefined;
        if (content === undefined) return await postFailed(error, messageId);
        logger.error("Slack refused a relayed message's content; posting it without", { messageId, content });
        refused.set(next, content);
        return 0;
      }
      refused.delete(next);
      failures = 0;
      await queue.complete(next, messageId);
      return 0;
    } finally {
      await queue.releaseLease(next).catch(() => undefined);
    }
  };

  /** A position counted but never written: an enqueue that failed (and was answered 503) or is still writing. */
  const skipHole = async (position: number): Promise<number> => {
    const firstSeen = holes.get(position) ?? Date.now();
    holes.set(position, firstSeen);
    if (Date.now() - firstSeen < holeGraceMs) return Math.min(pollMs, 50);
    holes.delete(position);
    // A writer that was only slow seals it first; its message is there to read now.
    if (!(await queue.sealHole(position))) return 0;
    logger.warn("relay queue position never written; skipped", { position });
    await queue.complete(position);
    return 0;
  };

  const postFailed = async (error: unknown, messageId: string): Promise<number> => {
    const wait = retryAfterMs(error);
    if (wait !== undefined) {
      logger.info("Slack rate limited the relay channel; resting it", { retryAfterMs: wait });
      // Date.now() counts whole milliseconds: one more keeps the rest from ending a fraction of one before Slack's.
      await queue.pauseUntil(Date.now() + wait + 1);
      return wait;
    }
    failures += 1;
    const backoff = retryMs[Math.min(failures - 1, retryMs.length - 1)] ?? 0;
    logger.error("relay post failed; it stays queued and is retried", { messageId, backoff }, error);
    return backoff;
  };

  const loop = (async () => {
    while (!stopping) {
      let pause: number;
      try {
        pause = await step();
      } catch (error) {
        logger.warn("relay queue unreachable; retrying", error);
        pause = retryMs[0] ?? pollMs;
      }
      if (pause > 0 && !stopping && !woken) await rest(pause);
      woken = false;
    }
  })();

  return {
    wake: () => {
      if (wakeUp) wakeUp();
      else woken = true;
    },
    async stop(timeoutMs) {
      stopping = true;
      wakeUp?.();
      await Promise.race([loop, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
    },
  };
}
