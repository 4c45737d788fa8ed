import { describe } from "vitest";
import { listening, postgresServer, redisServer, sqliteServer } from "./servers.js";
import { describeStoreContract } from "./store-contract.js";

const redisUp = await listening(6379);
const postgresUp = await listening(5432);
if (!redisUp) console.warn("redis store tests skipped: no Redis at 127.0.0.1:6379");
if (!postgresUp) console.warn("postgres store tests skipped: no PostgreSQL at 127.0.0.1:5432");

describe("sqlite store", () => describeStoreContract(sqliteServer));

describe.skipIf(!redisUp)(redisUp ? "redis store" : "redis store — skipped: no Redis at 127.0.0.1:6379", () =>
  describeStoreContract(redisServer),
);

describe.skipIf(!postgresUp)(
  postgresUp ? "postgres store" : "postgres store — skipped: no PostgreSQL at 127.0.0.1:5432",
  () => describeStoreContract(postgresServer),
);
