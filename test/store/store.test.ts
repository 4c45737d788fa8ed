import { describe, it } from "vitest";
import { STORE_TARGETS, type StoreTarget } from "../support/store-targets.js";
import { postgresServer, redisServer, requireServers, type StoreServer, sqliteServer } from "./servers.js";
import { describeStoreContract } from "./store-contract.js";

const SERVERS: Record<StoreTarget["name"], () => Promise<StoreServer>> = {
  sqlite: sqliteServer,
  redis: redisServer,
  postgres: postgresServer,
};

for (const target of STORE_TARGETS) {
  if (!target.available && requireServers) {
    // In CI a missing server is a broken run, not a reason to skip: say so with a failing test.
    describe(`${target.name} store`, () => {
      it("has its server running (CI runs every store against a real server)", async () => {
        throw new Error(
          `CI needs the ${target.name} server at ${await target.url()} and nothing answers there ` +
            "(.ci/run starts Redis and PostgreSQL when they are installed)",
        );
      });
    });
    continue;
  }
  describe.skipIf(!target.available)(`${target.name} store${target.skipReason}`, () =>
    describeStoreContract(SERVERS[target.name]),
  );
}
