import { randomInt } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import Keyv from "keyv";
import { type AppLogger, createLogger } from "../log/logger.js";
import type { ErrorSink, StoreBackend } from "./backend.js";
import { StoreUnavailableError } from "./errors.js";
import type { PurgeControl } from "./purge-batches.js";
import { parseStoreUrl, type StoreLocation } from "./store-url.js";
import type { AppStore, AtomicOps, NamespaceName } from "./types.js";

export interface StoreOptions {
  logger?: AppLogger;
  /** Put in front of every key, so stores sharing one server stay apart (e.g. one per test run). */
  prefix?: string;
  /**
   * How often expired rows are deleted, in the background (the first run starts at once, but start-up does not
   * wait for it); `false` turns automatic purging off.
   */
  purgeIntervalMs?: number | false;
  /** Rows a purge looks at per statement (see PurgeControl). */
  purgeBatchSize?: number;
  /** The pause between two batches of a purge, which lets requests' statements in between. */
  purgePauseMs?: number;
}

const DEFAULT_PREFIX = "wam";
// Frequent small purges: each run finds a few minutes' worth of expired rows, in batches of a few milliseconds.
const DEFAULT_PURGE_INTERVAL_MS = 10 * 60_000;
const DEFAULT_PURGE_BATCH_SIZE = 500;
const DEFAULT_PURGE_PAUSE_MS = 10;
// The write probe's counter: one small row per store, rewritten by every probe and gone soon after they stop.
const WRITE_PROBE_TTL_MS = 60_000;
// Keys are matched by prefix with SQL LIKE and Redis SCAN patterns, where other characters are wildcards.
const PREFIX_PATTERN = /^[A-Za-z0-9-]+$/;

/** Opens the store STORE_URL names; throws StoreUrlError for a bad URL, StoreUnavailableError when it does not answer. */
export async function createStore(url: string, options: StoreOptions = {}): Promise<AppStore> {
  const location = parseStoreUrl(url);
  const logger = (options.logger ?? createLogger()).child("store");
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  if (!PREFIX_PATTERN.test(prefix))
    throw new RangeError(`store prefix must be letters, digits and hyphens: ${prefix}`);
  const reportError = createErrorSink(logger);
  let backend: StoreBackend;
  try {
    backend = await openBackend(location, reportError);
  } catch (error) {
    throw new StoreUnavailableError(location.displayUrl, error);
  }

  const namespaces = new Map<NamespaceName, Keyv>();
  const namespace = (name: NamespaceName): Keyv => {
    const existing = namespaces.get(name);
    if (existing !== undefined) return existing;
    const keyv = new Keyv({
      store: backend.createAdapter(),
      namespace: `${prefix}:${name}`,
      useKeyPrefix: !backend.adapterPrefixesKeys,
      // A failed read or write reaches the caller: checks degrade to "no cache", audit records are never lost silently.
      throwOnErrors: true,
    });
    keyv.on("error", (error: unknown) => reportError(`namespace ${name}`, error));
    namespaces.set(name, keyv);
    return keyv;
  };

  // Beside the Keyv namespaces: SQL keeps counters in their own table; on Redis, Keyv's keys have "::" after the
  // namespace where these have ":atomic:".
  const atomicKey = (name: NamespaceName, key: string): string => `${prefix}:${name}:atomic:${key}`;
  // Who holds a claim: a replica whose claim lapsed and was taken by another must not release the new holder's.
  const holder = randomInt(1, 2 ** 48);
  const atomic: AtomicOps = {
    increment: async (name, key, by, ttlMs) => {
      assertInteger("by", by);
      assertPositiveInteger("ttlMs", ttlMs);
      return backend.increment(atomicKey(name, key), by, ttlMs);
    },
    read: (name, key) => backend.read(atomicKey(name, key)),
    claim: async (name, key, ttlMs) => {
      assertPositiveInteger("ttlMs", ttlMs);
      return backend.claim(atomicKey(name, key), ttlMs, holder);
    },
    release: (name, key) => backend.release(atomicKey(name, key), holder),
  };

  // One purge at a time: the timer and a caller asking at once share the run in flight. A purge runs in short
  // batches with a pause between them, so requests' statements get the database in between; closing stops it at
  // the next pause.
  let closed = false;
  const pauseMs = options.purgePauseMs ?? DEFAULT_PURGE_PAUSE_MS;
  const control: PurgeControl = {
    batchSize: options.purgeBatchSize ?? DEFAULT_PURGE_BATCH_SIZE,
    between: async () => {
      if (!closed) await sleep(pauseMs);
      return !closed;
    },
  };
  assertPositiveInteger("purgeBatchSize", control.batchSize);
  let purging: Promise<number> | undefined;
  const purgeExpired = (): Promise<number> => {
    purging ??= backend.purgeExpired(`${prefix}:`, control).finally(() => {
      purging = undefined;
    });
    return purging;
  };
  const purgeAndLog = async (): Promise<void> => {
    try {
      const removed = await purgeExpired();
      if (removed > 0) logger.info("purged expired store entries", { removed });
    } catch (error) {
      if (!closed) logger.warn("purging expired store entries failed", error);
    }
  };

  const interval = options.purgeIntervalMs ?? DEFAULT_PURGE_INTERVAL_MS;
  let timer: NodeJS.Timeout | undefined;
  if (interval !== false) {
    void purgeAndLog();
    timer = setInterval(() => void purgeAndLog(), interval);
    // Purging never keeps the process alive on its own.
    timer.unref();
  }

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      closed = true;
      clearInterval(timer);
      await purging?.catch(() => undefined);
      await backend.close();
      logger.debug("store closed", { url: location.displayUrl });
    })();
    return closing;
  };

  logger.info("store ready", { kind: backend.kind, url: location.displayUrl, prefix });
  return {
    kind: backend.kind,
    displayUrl: location.displayUrl,
    namespace,
    atomic,
    probeWrite: async () => {
      try {
        await backend.increment(`${prefix}:health:write-probe`, 1, WRITE_PROBE_TTL_MS);
      } catch (error) {
        throw new StoreUnavailableError(location.displayUrl, error);
      }
    },
    purgeExpired,
    close,
  };
}

/**
 * Loads only the driver STORE_URL names (docs/CONTRACT.md §6): each backend module, and with it sqlite3, the Redis client or
 * pg, is imported inside its case, so a SQLite bot never pays for the other two clients' code and memory.
 */
async function openBackend(location: StoreLocation, reportError: ErrorSink): Promise<StoreBackend> {
  switch (location.kind) {
    case "sqlite": {
      const { openSqliteBackend } = await import("./sqlite-backend.js");
      return openSqliteBackend(location.path, reportError);
    }
    case "redis": {
      const { openRedisBackend } = await import("./redis-backend.js");
      return openRedisBackend(location.url, reportError);
    }
    case "postgres": {
      const { openPostgresBackend } = await import("./postgres-backend.js");
      return openPostgresBackend(location.url, reportError);
    }
  }
}

/**
 * Logs errors the adapters and clients emit. Every adapter sharing a Redis client re-emits the client's error,
 * so the same error object can arrive several times; it is logged once.
 */
function createErrorSink(logger: AppLogger): ErrorSink {
  const seen = new WeakSet<object>();
  return (source, error) => {
    if (typeof error === "object" && error !== null) {
      if (seen.has(error)) return;
      seen.add(error);
    }
    logger.warn(`store error (${source})`, error);
  };
}

function assertInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be an integer, got ${value}`);
}

function assertPositiveInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
}
