import { afterEach, describe, expect, it } from "vitest";
import { createRelayDelivery } from "../../src/relay/relay-service.js";
import { createStoreThreadIndex } from "../../src/relay/thread-index.js";
import type { InboundMessage, RelayPost } from "../../src/relay/types.js";
import { type AppStore, createStore } from "../../src/store/index.js";
import { captureLogger } from "../support/capture-logger.js";
import { STORE_TARGETS, uniquePrefix } from "../support/store-targets.js";

const NOON_JUNE_10 = Date.parse("2024-06-10T12:00:00Z") / 1000;
const REPLICAS = 3;
// Slow enough that the replicas' first messages all look for the thread before any post has come back.
const POST_LATENCY_MS = 40;

function message(id: string): InboundMessage {
  return { waId: "16315551234", messageId: id, timestamp: NOON_JUNE_10, type: "text", text: `text of ${id}` };
}

for (const target of STORE_TARGETS) {
  describe.skipIf(!target.available)(
    `relay replicas sharing the ${target.name} store${target.skipReason}`,
    () => {
      const stores: AppStore[] = [];

      afterEach(async () => {
        await Promise.all(stores.splice(0).map((store) => store.close()));
      });

      it("open one thread for a contact's messages delivered to each replica at the same instant", async () => {
        const url = await target.url();
        const prefix = uniquePrefix();
        const posts: Array<RelayPost & { ts: string }> = [];
        // One Slack channel, which every replica posts to.
        const post = async (relayed: RelayPost) => {
          await new Promise((resolve) => setTimeout(resolve, POST_LATENCY_MS));
          const ts = `1718020800.${String(posts.length + 1).padStart(6, "0")}`;
          posts.push({ ...relayed, ts });
          return { ts };
        };
        const replicas = await Promise.all(
          Array.from({ length: REPLICAS }, async () => {
            const store = await createStore(url, {
              prefix,
              purgeIntervalMs: false,
              logger: captureLogger(),
            });
            stores.push(store);
            return createRelayDelivery({
              channel: "C0RELAY",
              logger: captureLogger(),
              threads: createStoreThreadIndex(store),
              post,
            });
          }),
        );

        await Promise.all(replicas.map((deliver, index) => deliver(message(`wamid.R${index}`))));

        const opening = posts.filter((relayed) => relayed.thread_ts === undefined);
        expect(opening).toHaveLength(1);
        expect(posts).toHaveLength(REPLICAS);
        for (const reply of posts.filter((relayed) => relayed !== opening[0])) {
          expect(reply.thread_ts).toBe(opening[0]?.ts);
        }
      });
    },
  );
}
