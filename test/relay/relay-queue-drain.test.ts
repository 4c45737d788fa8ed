import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { createInboundLog } from "../../src/relay/inbound-log.js";
import { type RelayDrainer, startRelayDrainer } from "../../src/relay/relay-drainer.js";
import { createQueueingRelay } from "../../src/relay/relay-enqueue.js";
import { createRelayQueue } from "../../src/relay/relay-queue.js";
import type { InboundMessage } from "../../src/relay/types.js";
import { type AppStore, createStore } from "../../src/store/index.js";
import type { NamespaceName } from "../../src/store/types.js";
import { captureLogger } from "../support/capture-logger.js";
import { STORE_TARGETS, uniquePrefix } from "../support/store-targets.js";
import { type RateLimitedSlack, rateLimitedSlack, slackRateLimited } from "./rate-limited-slack.js";

/** The durable relay queue on each store (docs/CONTRACT.md §5, "Relay queue"). */

const SENDERS = 5;
const BURST = 500;
// Slack's shape (a steady pace, short bursts, 429 + Retry-After beyond) at 100 posts/s, so a test takes seconds.
const SLACK = { perSecond: 100, burst: 5, retryAfterSeconds: 0.05 };
const FAST = { pollMs: 20, leaseMs: 2_000, holeGraceMs: 300, retryMs: [20] };

function burst(count: number, tag: string): InboundMessage[] {
  return Array.from({ length: count }, (_, index) => ({
    waId: `1631555${String(1000 + (index % SENDERS))}`,
    messageId: `wamid.${tag}-${String(index).padStart(4, "0")}`,
    timestamp: 1_718_020_800,
    type: "text",
    text: `message ${index}`,
  }));
}

/** Each sender's messages were posted in the order they were queued; none lost, none twice. */
function expectExactlyOnceInOrder(slack: RateLimitedSlack, sent: InboundMessage[]): void {
  expect(new Set(slack.posted).size).toBe(slack.posted.length);
  expect([...slack.posted].sort()).toEqual(sent.map((message) => message.messageId).sort());
  for (let sender = 0; sender < SENDERS; sender++) {
    const ofSender = (ids: string[]) => ids.filter((id) => Number(id.slice(-4)) % SENDERS === sender);
    expect(ofSender(slack.posted)).toEqual(ofSender(sent.map((message) => message.messageId)));
  }
  expect(slack.violations).toBe(0);
}

/** A store whose first write of a queued message takes `delayMs`, as a write stuck behind a busy server. */
function withOneSlowItemWrite(store: AppStore, delayMs: number): AppStore {
  let slow = true;
  const relay = store.namespace("relay");
  const slowed = new Proxy(relay, {
    get(target, property) {
      if (property === "set") {
        return async (key: string, value: unknown, ttl?: number) => {
          if (slow && key.startsWith("q:item:")) {
            slow = false;
            await sleep(delayMs);
          }
          return target.set(key, value, ttl);
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return {
    ...store,
    namespace: <T>(name: NamespaceName) => (name === "relay" ? slowed : store.namespace<T>(name)),
  };
}

/** Resolves when `signal()` is called. */
function flag(): { signal(): void; raised: Promise<void> } {
  let signal = () => {};
  const raised = new Promise<void>((resolve) => {
    signal = resolve;
  });
  return { signal, raised };
}

async function until(predicate: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

for (const target of STORE_TARGETS) {
  describe.skipIf(!target.available)(
    `the relay queue on the ${target.name} store${target.skipReason}`,
    () => {
      const stores: AppStore[] = [];
      const drainers: RelayDrainer[] = [];

      afterEach(async () => {
        await Promise.all(drainers.splice(0).map((drainer) => drainer.stop(1_000)));
        await Promise.all(stores.splice(0).map((store) => store.close()));
      });

      const replica = async (url: string, prefix: string) => {
        const store = await createStore(url, { prefix, purgeIntervalMs: false, logger: captureLogger() });
        stores.push(store);
        const queue = createRelayQueue(store);
        const relay = createQueueingRelay({
          queue,
          inbound: createInboundLog(store),
          logger: captureLogger(),
        });
        const drainLogger = captureLogger();
        const drain = (slack: RateLimitedSlack, deliver = slack.deliver) => {
          const drainer = startRelayDrainer({ queue, deliver, logger: drainLogger, ...FAST });
          drainers.push(drainer);
          return drainer;
        };
        return { store, queue, relay, drain, drainLogger };
      };

      it("drains a burst of 500 at Slack's pace across a restart: none lost, none twice, each sender in order", {
        timeout: 60_000,
      }, async () => {
        const url = await target.url();
        const prefix = uniquePrefix();
        const slack = rateLimitedSlack(SLACK);
        const first = await replica(url, prefix);
        const sent = burst(BURST, "burst");
        // Deliveries of 10, as WhatsApp batches them; each resolves once stored.
        for (let at = 0; at < sent.length; at += 10) await first.relay(sent.slice(at, at + 10));

        const drainer = first.drain(slack);
        await until(() => slack.posted.length >= BURST / 2);
        // A restart: this replica stops (finishing the post in hand), a new process opens the store again.
        await drainer.stop(5_000);
        await first.store.close();
        const second = await replica(url, prefix);
        second.drain(slack);
        await until(() => slack.posted.length >= BURST);
        await new Promise((resolve) => setTimeout(resolve, 200));

        expectExactlyOnceInOrder(slack, sent);
        expect(await second.queue.head()).toBe(await second.queue.tail());
      });

      it("rests the channel for the Retry-After Slack gives on a 429, and still posts everything in order", async () => {
        const url = await target.url();
        const slack = rateLimitedSlack({ perSecond: 10, burst: 3, retryAfterSeconds: 0.2 });
        const { relay, drain } = await replica(url, uniquePrefix());
        const sent = burst(30, "paced");
        await relay(sent);
        drain(slack);

        await until(() => slack.posted.length >= sent.length, 15_000);
        expect(slack.rateLimited).toBeGreaterThan(0);
        expectExactlyOnceInOrder(slack, sent);
      });

      it("lets another replica take over the message a crashed one held, once its lease lapses", async () => {
        const url = await target.url();
        const prefix = uniquePrefix();
        const slack = rateLimitedSlack(SLACK);
        const crashed = await replica(url, prefix);
        const sent = burst(20, "crash");
        await crashed.relay(sent);
        // This replica dies while posting the first message: its lease is never released.
        let holding = false;
        crashed.drain(slack, () => {
          holding = true;
          return new Promise<void>(() => {});
        });
        await until(() => holding);
        const survivor = await replica(url, prefix);
        survivor.drain(slack);

        await until(() => slack.posted.length >= sent.length, 10_000);
        expectExactlyOnceInOrder(slack, sent);
      });

      it("posts a message delivered to two replicas once, with both draining at the same time", async () => {
        const url = await target.url();
        const prefix = uniquePrefix();
        const slack = rateLimitedSlack(SLACK);
        const [one, two] = await Promise.all([replica(url, prefix), replica(url, prefix)]);
        one.drain(slack);
        two.drain(slack);
        const sent = burst(60, "twice");
        // Every delivery reaches both replicas at once, as after a WhatsApp retry racing the first attempt.
        for (let at = 0; at < sent.length; at += 6) {
          const delivery = sent.slice(at, at + 6);
          await Promise.all([one.relay(delivery), two.relay(delivery)]);
        }

        await until(() => slack.posted.length >= sent.length);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expectExactlyOnceInOrder(slack, sent);
      });

      it("never posts while another replica rests the channel, even when it looked just before that 429", async () => {
        const url = await target.url();
        const prefix = uniquePrefix();
        const [one, two] = await Promise.all([replica(url, prefix), replica(url, prefix)]);
        const sent = burst(3, "rest");
        await one.relay(sent);
        const twoLooked = flag();
        const oneGaveUp = flag();
        const restMs = 400;
        let restUntil = 0;
        const posts: { id: string; at: number }[] = [];
        const post = async (message: InboundMessage) => {
          posts.push({ id: message.messageId, at: Date.now() });
        };
        // One replica holds the first message and meets a 429 only once the other has looked at the queue.
        let limited = false;
        const oneDrainer = startRelayDrainer({
          queue: {
            ...one.queue,
            releaseLease: async (position) => {
              await one.queue.releaseLease(position);
              oneGaveUp.signal();
            },
          },
          deliver: async (message) => {
            if (limited) return post(message);
            limited = true;
            await twoLooked.raised;
            restUntil = Date.now() + restMs;
            throw slackRateLimited(restMs / 1000);
          },
          logger: captureLogger(),
          ...FAST,
        });
        drainers.push(oneDrainer);
        await until(() => limited);
        // The other looked (no rest yet) and asks for the lease just after the first gave it up.
        let waited = false;
        const twoDrainer = startRelayDrainer({
          queue: {
            ...two.queue,
            lease: async (position, leaseMs) => {
              if (!waited) {
                waited = true;
                twoLooked.signal();
                await oneGaveUp.raised;
              }
              return two.queue.lease(position, leaseMs);
            },
          },
          deliver: post,
          logger: captureLogger(),
          ...FAST,
        });
        drainers.push(twoDrainer);

        await until(() => posts.length >= sent.length, 10_000);
        expect(posts.map((entry) => entry.id)).toEqual(sent.map((message) => message.messageId));
        expect(posts.filter((entry) => entry.at < restUntil)).toEqual([]);
      });

      it("queues a message again when a drainer skipped its position while the write was slow", async () => {
        const url = await target.url();
        const prefix = uniquePrefix();
        const slack = rateLimitedSlack(SLACK);
        const writer = await replica(url, prefix);
        const reader = await replica(url, prefix);
        drainers.push(
          startRelayDrainer({
            queue: reader.queue,
            deliver: slack.deliver,
            logger: captureLogger(),
            ...FAST,
            holeGraceMs: 100,
          }),
        );
        const slowQueue = createRelayQueue(withOneSlowItemWrite(writer.store, 800));
        const relay = createQueueingRelay({
          queue: slowQueue,
          inbound: createInboundLog(writer.store),
          logger: captureLogger(),
        });
        const sent = burst(1, "slow");

        // The webhook's answer waits for a position no drainer has given up.
        await relay(sent);
        await until(() => slack.posted.length >= 1, 5_000);
        await sleep(200);
        expect(slack.posted).toEqual([sent[0]?.messageId]);
        expect(await reader.queue.head()).toBe(await reader.queue.tail());
      });

      it("posts a message Slack refuses for its content with its ids only, and goes on with the rest", async () => {
        const url = await target.url();
        const slack = rateLimitedSlack(SLACK);
        const { relay, drain } = await replica(url, uniquePrefix());
        const sent = burst(4, "refused").map((message, index) =>
          index === 1 ? { ...message, text: "unpostable", profileName: "Crafted" } : message,
        );
        const shown = new Map<string, InboundMessage>();
        drain(slack, async (message) => {
          if (message.text === "unpostable") {
            throw Object.assign(new Error("An API error occurred: invalid_blocks"), {
              code: "slack_webapi_platform_error",
              data: { ok: false, error: "invalid_blocks" },
            });
          }
          await slack.deliver(message);
          shown.set(message.messageId, message);
        });
        await relay(sent);

        await until(() => slack.posted.length >= sent.length, 5_000);
        expectExactlyOnceInOrder(slack, sent);
        const refused = shown.get(sent[1]?.messageId ?? "");
        expect(refused).toMatchObject({ waId: sent[1]?.waId, messageId: sent[1]?.messageId });
        expect(refused?.text).toBeUndefined();
        expect(refused?.profileName).toBeUndefined();
        expect(refused?.mediaNote).toContain("invalid_blocks");
      });

      it("lets a replica that is not posting report the queue's depth and its oldest message's age", async () => {
        const url = await target.url();
        const prefix = uniquePrefix();
        const [posting, watching] = await Promise.all([replica(url, prefix), replica(url, prefix)]);
        let holding = false;
        // This replica holds the first message for as long as the test lasts (a very slow post).
        posting.drain(rateLimitedSlack(SLACK), () => {
          holding = true;
          return new Promise<void>(() => {});
        });
        await posting.relay(burst(5, "depth"));
        await until(() => holding);
        const seen: { depth: number; oldestSeconds: number }[] = [];
        drainers.push(
          startRelayDrainer({
            queue: watching.queue,
            deliver: rateLimitedSlack(SLACK).deliver,
            logger: captureLogger(),
            observe: (depth, oldestSeconds) => seen.push({ depth, oldestSeconds }),
            ...FAST,
          }),
        );

        await until(() => (seen.at(-1)?.oldestSeconds ?? 0) >= 1, 5_000);
        expect(seen.at(-1)?.depth).toBe(5);
      });

      it("keeps a message whose post failed queued, logs its id but not its text, posts it once Slack accepts", async () => {
        const url = await target.url();
        const prefix = uniquePrefix();
        const slack = rateLimitedSlack(SLACK);
        const { relay, drain, drainLogger } = await replica(url, prefix);
        let down = true;
        drain(slack, (message) =>
          down ? Promise.reject(new Error("An API error occurred: fatal_error")) : slack.deliver(message),
        );
        const sent = burst(5, "outage").map((message) => ({ ...message, text: "my card number is 4111" }));
        await relay(sent);

        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(slack.posted).toEqual([]);
        // The failure is logged with the message id, never with what the contact wrote.
        const logged = drainLogger.lines.join("\n");
        expect(logged).toContain(`"messageId":"${sent[0]?.messageId}"`);
        expect(logged).toContain("fatal_error");
        expect(logged).not.toContain("4111");
        down = false;
        await until(() => slack.posted.length >= sent.length, 5_000);
        expectExactlyOnceInOrder(slack, sent);
      });
    },
  );
}
