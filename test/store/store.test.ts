import { describe } from "vitest";
import { STORE_TARGETS, type StoreTarget } from "../support/store-targets.js";
import { postgresServer, redisServer, type StoreServer, sqliteServer } from "./servers.js";
import { describeStoreContract } from "./store-contract.js";

const SERVERS: Record<StoreTarget["name"], () => Promise<StoreServer>> = {
  sqlite: sqliteServer,
  redis: redisServer,
  postgres: postgresServer,
};

for (const target of STORE_TARGETS) {
  describe.skipIf(!target.available)(`${target.name} store${target.skipReason}`, () =>
    describeStoreContract(SERVERS[target.name]),
  );
}
