import { randomUUID } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listening, POSTGRES_URL, REDIS_URL, requireServers } from "../store/servers.js";

/** A store a suite runs against, and why it is skipped when its server is absent. */
export interface StoreTarget {
  name: "sqlite" | "redis" | "postgres";
  available: boolean;
  /** Title suffix: empty when available, else the reason for skipping. */
  skipReason: string;
  url(): Promise<string>;
}

const [redisUp, postgresUp] = await Promise.all([listening(6379), listening(5432)]);

function serverTarget(name: "redis" | "postgres", url: string, up: boolean): StoreTarget {
  const missing = `no ${name === "redis" ? "Redis" : "PostgreSQL"} at ${new URL(url).host}`;
  // In CI a missing server fails every suite that needs it, loudly, instead of skipping (test/store/servers.ts).
  if (!up && requireServers) throw new Error(`${missing}, and CI requires every store server`);
  const skipReason = up ? "" : ` — skipped: ${missing}`;
  if (!up) console.warn(`wa-moderator tests: ${name} store tests${skipReason}`);
  return { name, available: up, skipReason, url: async () => url };
}

export const STORE_TARGETS: StoreTarget[] = [
  {
    name: "sqlite",
    available: true,
    skipReason: "",
    url: async () => `sqlite://${join(await mkdtemp(join(tmpdir(), "wam-core-")), "store.sqlite")}`,
  },
  serverTarget("redis", REDIS_URL, redisUp),
  serverTarget("postgres", POSTGRES_URL, postgresUp),
];

/** A namespace prefix no other run uses, so suites can share one Redis or PostgreSQL. */
export function uniquePrefix(): string {
  return `t-${randomUUID().slice(0, 8)}`;
}
