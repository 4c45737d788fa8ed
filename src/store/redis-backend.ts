import KeyvRedis, { createClient, type RedisClientConnectionType } from "@keyv/redis";
import { COMMAND_TIMEOUT_MS, CONNECT_TIMEOUT_MS, type ErrorSink, type StoreBackend } from "./backend.js";

/** A new counter gets its TTL in the same step, so no crash between INCRBY and PEXPIRE can leave it forever. */
const INCREMENT_SCRIPT = `local value = redis.call('INCRBY', KEYS[1], ARGV[1])
if redis.call('PTTL', KEYS[1]) == -1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return value`;

/** Compare and delete: only the holder's own claim goes. */
const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** Once connected, reconnect for ever with backoff capped at 2 s; the first connection is not retried. */
function reconnectDelay(retries: number): number {
  return Math.min(100 * 2 ** retries, 2_000);
}

/**
 * The store owns the connection. The stock adapter reconnects a closed client on its next command, which after
 * `close()` would open a connection nobody closes; this one fails instead.
 */
class SharedClientRedis extends KeyvRedis<string> {
  override async getClient(): Promise<RedisClientConnectionType> {
    if (!this.client.isOpen) throw new Error("the Redis connection is closed");
    return this.client;
  }
}

/**
 * One Redis client shared by every namespace's adapter and the atomic commands. Redis expires keys itself, so
 * there is nothing to purge. Commands fail at once while the connection is down (no offline queue), which the
 * app treats as "store unavailable" rather than waiting on a queue.
 */
export async function openRedisBackend(url: string, reportError: ErrorSink): Promise<StoreBackend> {
  let connected = false;
  const client = createClient({
    url,
    disableOfflineQueue: true,
    commandOptions: { timeout: COMMAND_TIMEOUT_MS },
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      reconnectStrategy: (retries) => (connected ? reconnectDelay(retries) : false),
    },
  });
  client.on("error", (error: unknown) => reportError("redis", error));
  await client.connect();
  connected = true;

  return {
    kind: "redis",
    adapterPrefixesKeys: true,
    // throwOnErrors: without it the adapter swallows a failed write and Keyv reports success.
    createAdapter: () => new SharedClientRedis(client, { throwOnErrors: true }),
    increment: async (key, by, ttlMs) =>
      Number(await client.eval(INCREMENT_SCRIPT, { keys: [key], arguments: [String(by), String(ttlMs)] })),
    // Redis drops an expired counter itself, so an absent key covers both.
    read: async (key) => Number((await client.get(key)) ?? 0),
    claim: async (key, ttlMs, holder) =>
      (await client.set(key, String(holder), {
        condition: "NX",
        expiration: { type: "PX", value: ttlMs },
      })) === "OK",
    release: async (key, holder) => {
      await client.eval(RELEASE_SCRIPT, { keys: [key], arguments: [String(holder)] });
    },
    purgeExpired: async () => 0,
    close: async () => {
      if (client.isOpen) await client.close();
    },
  };
}
