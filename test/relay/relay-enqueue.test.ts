import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { InboundRecord } from "../../src/moderation/types.js";
import { createQueueingRelay } from "../../src/relay/relay-enqueue.js";
import { createRelayQueue, type RelayQueue } from "../../src/relay/relay-queue.js";
import { type AppStore, createStore } from "../../src/store/index.js";
import { type CapturedLogger, captureLogger } from "../support/capture-logger.js";
import { STORE_TARGETS, uniquePrefix } from "../support/store-targets.js";
import { message, NOON_JUNE_10 } from "./relay-harness.js";

/** The webhook's side of the durable relay (docs/CONTRACT.md §5): each message queued, its arrival recorded. */

const BSUID = "US.13491208655302741918";

describe("createQueueingRelay on a SQLite store", () => {
  let store: AppStore;
  let queue: RelayQueue;
  let logger: CapturedLogger;
  let recorded: InboundRecord[];
  let recordFails: boolean;

  const relay = (now = (NOON_JUNE_10 + 3600) * 1000) => {
    const seen = new Set<string>();
    return createQueueingRelay({
      queue,
      logger,
      now: () => now,
      inbound: {
        record: async (record) => {
          if (recordFails) throw new Error("store unreachable");
          recorded.push(record);
          if (seen.has(record.messageId)) return false;
          seen.add(record.messageId);
          return true;
        },
      },
    });
  };
  const queued = async () => {
    const ids: string[] = [];
    for (let position = 1; position <= (await queue.tail()); position++) {
      const item = await queue.item(position);
      if (item) ids.push(item.message.messageId);
    }
    return ids;
  };

  beforeEach(async () => {
    const target = STORE_TARGETS[0];
    store = await createStore((await target?.url()) ?? "", {
      prefix: uniquePrefix(),
      purgeIntervalMs: false,
      logger: captureLogger(),
    });
    queue = createRelayQueue(store);
    logger = captureLogger();
    recorded = [];
    recordFails = false;
  });
  afterEach(async () => {
    await store.close();
  });

  it("queues each message of a delivery in order and records it with the time it was sent", async () => {
    await relay()([message("wamid.A1"), message("wamid.A2")]);

    expect(await queued()).toEqual(["wamid.A1", "wamid.A2"]);
    expect(recorded).toEqual([
      { contact: "16315551234", messageId: "wamid.A1", at: "2024-06-10T12:00:00.000Z" },
      { contact: "16315551234", messageId: "wamid.A2", at: "2024-06-10T12:00:00.000Z" },
    ]);
  });

  it("records a sender's clock ahead of ours as our time", async () => {
    await relay((NOON_JUNE_10 + 60) * 1000)([message("wamid.A1", { timestamp: NOON_JUNE_10 + 86_400 })]);

    expect(recorded[0]?.at).toBe("2024-06-10T12:01:00.000Z");
  });

  it("records a sender by the wa_id when WhatsApp gave one, else by the BSUID", async () => {
    await relay()([
      message("wamid.B1", { waId: undefined, bsuid: BSUID }),
      message("wamid.C1", { bsuid: BSUID }),
    ]);

    expect(recorded.map((record) => record.contact)).toEqual([BSUID, "16315551234"]);
  });

  it("gives up the position of a message id it already queued, so nothing is left there to post", async () => {
    const once = relay();
    await once([message("wamid.A1")]);
    await once([message("wamid.A1")]);

    expect(await queued()).toEqual(["wamid.A1"]);
    expect(await queue.isDone(2)).toBe(true);
  });

  it("queues the message anyway and warns with its id only when its arrival cannot be recorded", async () => {
    recordFails = true;

    await relay()([message("wamid.A1", { text: "my card number is 4111" })]);

    expect(await queued()).toEqual(["wamid.A1"]);
    const warning = logger.lines.find((line) => line.includes('"level":"warn"'));
    expect(warning).toContain("wamid.A1");
    expect(logger.lines.join("\n")).not.toContain("4111");
  });
});
