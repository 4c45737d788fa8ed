import type Keyv from "keyv";
import { afterEach, describe, expect, it } from "vitest";
import { AuditNotStoredError, NotEngagedError } from "../../src/moderation/errors.js";
import type { AppStore, NamespaceName } from "../../src/store/types.js";
import { type CoreHarness, callsTo, MODERATOR, startCoreHarness } from "../support/core-harness.js";
import { STORE_TARGETS, uniquePrefix } from "../support/store-targets.js";

const sqlite = STORE_TARGETS[0];

/** The same store, but with one namespace whose listed methods fail as a dropped connection would. */
function breakNamespace(name: NamespaceName, methods: Array<"get" | "getMany" | "set">) {
  return (store: AppStore): AppStore =>
    new Proxy(store, {
      get(target, property, receiver) {
        if (property !== "namespace") return Reflect.get(target, property, receiver);
        return <T>(requested: NamespaceName): Keyv<T> => {
          const keyv = target.namespace<T>(requested);
          if (requested !== name) return keyv;
          return new Proxy(keyv, {
            get(inner, method, innerReceiver) {
              if (methods.includes(method as "get"))
                return () => Promise.reject(new Error("store connection lost"));
              return Reflect.get(inner, method, innerReceiver);
            },
          });
        };
      },
    });
}

/** The same store, but with every counter and claim in one namespace failing as a dropped connection would. */
function breakCounters(name: NamespaceName) {
  return (store: AppStore): AppStore => {
    const lost = () => Promise.reject(new Error("store connection lost"));
    const { atomic } = store;
    return {
      ...store,
      namespace: (requested) => store.namespace(requested),
      atomic: {
        increment: (namespace, key, by, ttlMs) =>
          namespace === name ? lost() : atomic.increment(namespace, key, by, ttlMs),
        read: (namespace, key) => (namespace === name ? lost() : atomic.read(namespace, key)),
        claim: (namespace, key, ttlMs) => (namespace === name ? lost() : atomic.claim(namespace, key, ttlMs)),
        release: (namespace, key) => (namespace === name ? lost() : atomic.release(namespace, key)),
      },
    };
  };
}

describe("moderation core when things break", () => {
  let core: CoreHarness | undefined;
  afterEach(async () => {
    await core?.close();
    core = undefined;
  });
  const start = async (options: Omit<Parameters<typeof startCoreHarness>[0], "storeUrl" | "prefix"> = {}) => {
    core = await startCoreHarness({
      storeUrl: (await sqlite?.url()) ?? "",
      prefix: uniquePrefix(),
      ...options,
    });
    return core;
  };

  describe("when the store fails between the WhatsApp call and the reply", () => {
    it("reports that the audit record was not stored instead of swallowing it, and logs the record", async () => {
      const { service, sandbox, logger } = await start({ wrapStore: breakNamespace("audit", ["set"]) });
      const error = await service.block(MODERATOR, "+16315551001", "spam").catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AuditNotStoredError);
      expect(error).toMatchObject({ record: { action: "block", contact: "+16315551001", outcome: "ok" } });
      // The block itself happened: the moderator must be told it did, and that the trail is missing it.
      expect(sandbox.state.blocklist).toContain("16315551001");
      const logged = logger.lines.find((line) => line.includes("audit record NOT stored"));
      expect(logged).toContain("+16315551001");
      expect(logged).toContain('"reason":"spam"');
    });

    it("also reports a lost record of a refusal, keeping why the action was refused", async () => {
      const { service } = await start({ wrapStore: breakNamespace("audit", ["set"]) });
      const error = await service.block(MODERATOR, "+16315551003").catch((caught: unknown) => caught);
      expect(error).toMatchObject({
        code: "audit_not_stored",
        record: { outcome: "refused", errorCode: "not_engaged" },
      });
      expect((error as AuditNotStoredError).actionError).toBeInstanceOf(NotEngagedError);
    });

    it("gives each lost record its own id, which the log line carries", async () => {
      const { service, logger } = await start({ wrapStore: breakNamespace("audit", ["set"]) });
      const ids = await Promise.all(
        ["+16315551001", "+16315551003"].map((input) =>
          service.block(MODERATOR, input).then(
            () => "stored",
            (caught: unknown) => (caught as AuditNotStoredError).record.id,
          ),
        ),
      );
      expect(new Set(ids).size).toBe(2);
      for (const id of ids) {
        expect(id).toMatch(/^unsaved-/);
        expect(
          logger.lines.some((line) => line.includes("audit record NOT stored") && line.includes(id)),
        ).toBe(true);
      }
    });
  });

  describe("when the check cache does not answer", () => {
    it("still checks, uncached, and says so", async () => {
      const { service, logger } = await start({ wrapStore: breakNamespace("checks", ["getMany", "set"]) });
      const report = await service.check(MODERATOR, { inputs: ["+16315551001"] });
      expect(report.rows[0]).toMatchObject({ status: "valid", cached: false });
      expect(report.cacheWarning).toMatch(/cache store did not answer/);
      expect(logger.lines.some((line) => line.includes("check cache read failed"))).toBe(true);
    });
  });

  describe("when the blocklist cache does not answer", () => {
    const blocklistNumbers = ["+1 631-555-1090", "+1 631-555-1091"];

    it("still shows the blocklist, straight from WhatsApp, and a block still succeeds", async () => {
      const brokenCache = (store: AppStore) =>
        breakCounters("cache")(breakNamespace("cache", ["get", "set"])(store));
      const { service, sandbox, logger } = await start({ wrapStore: brokenCache });
      const view = await service.blocklist(MODERATOR, 1);
      expect(view.rows.map((row) => row.display)).toEqual(blocklistNumbers);
      expect(logger.lines.some((line) => line.includes("blocklist cache read failed"))).toBe(true);

      await expect(service.block(MODERATOR, "+16315551001")).resolves.toMatchObject({
        record: { outcome: "ok" },
      });
      expect(logger.lines.some((line) => line.includes("blocklist cache not invalidated"))).toBe(true);
      expect((await service.blocklist(MODERATOR, 1)).total).toBe(3);
      expect(sandbox.state.blocklist).toContain("16315551001");
    });

    it("still shows the blocklist when only saving the page fails", async () => {
      const { service, logger } = await start({ wrapStore: breakNamespace("cache", ["set"]) });
      const view = await service.blocklist(MODERATOR, 1);
      expect(view.rows.map((row) => row.display)).toEqual(blocklistNumbers);
      expect(logger.lines.some((line) => line.includes("blocklist cache write failed"))).toBe(true);
    });
  });

  describe("when the budget counter does not answer", () => {
    it("checks on within this process's 5 % of the daily budget, says so, and sends nothing beyond it", async () => {
      // dailyBudget 200: this process may spend 10 uncounted look-ups today.
      const { service, sandbox, store } = await start();
      await service.check(MODERATOR, { inputs: ["+16315551001"] });
      const broken = core?.replica({ store: breakCounters("budget")(store) });
      const lookUps = () => callsTo(sandbox, "POST", "/v1/contacts");
      const before = lookUps();

      const first = await broken?.check(MODERATOR, { inputs: ["+16315551002"] });
      expect(first?.rows[0]).toMatchObject({ status: "valid", cached: false });
      expect(first?.budget).toMatchObject({ used: 1, limit: 10, processOnly: { dailyLimit: 200 } });
      expect(first?.cacheWarning).toMatch(
        /could not count today's check budget, so this bot process allows itself 10 uncached checks today \(5 % of the daily budget of 200\); 9 left/,
      );
      const nine = Array.from({ length: 9 }, (_, index) => `+1631555${String(2000 + index)}`);
      await expect(broken?.check(MODERATOR, { inputs: nine })).resolves.toMatchObject({
        budget: { used: 10, limit: 10 },
      });
      expect(lookUps() - before).toBe(2);

      await expect(broken?.check(MODERATOR, { inputs: ["+16315551003"] })).rejects.toMatchObject({
        code: "budget_unavailable",
        allowance: 10,
        remaining: 0,
      });
      expect(lookUps() - before).toBe(2);
      const cached = await broken?.check(MODERATOR, { inputs: ["+16315551001"] });
      expect(cached?.rows[0]).toMatchObject({ status: "valid", cached: true });
    });

    it("adds the look-ups it made meanwhile to the shared count once the store answers again", async () => {
      const { store } = await start();
      let down = true;
      const flaky: AppStore = {
        ...store,
        namespace: (requested) => store.namespace(requested),
        atomic: {
          ...store.atomic,
          increment: (namespace, key, by, ttlMs) =>
            down
              ? Promise.reject(new Error("store connection lost"))
              : store.atomic.increment(namespace, key, by, ttlMs),
        },
      };
      const replica = core?.replica({ store: flaky });
      await replica?.check(MODERATOR, { inputs: ["+16315551001", "+16315551002"] });

      down = false;
      const after = await replica?.check(MODERATOR, { inputs: ["+16315551003"] });
      expect(after?.budget).toEqual({ used: 3, limit: 200, resetsAt: expect.any(String) });
      expect(after?.cacheWarning).toBeUndefined();
    });
  });

  describe("when the store does not answer the reads of a history", () => {
    it("answers that the store is unreachable", async () => {
      const { store } = await start();
      const lost = breakCounters("audit")(breakNamespace("audit", ["get", "getMany"])(store));
      const replica = core?.replica({ store: lost });
      await expect(replica?.history(MODERATOR, "+16315551001")).rejects.toMatchObject({
        code: "store_unreachable",
        message: expect.stringContaining("the store is unreachable"),
      });
    });
  });

  describe("when WhatsApp answers processing first", () => {
    it("re-polls until final and reports progress", async () => {
      const { service } = await start({ sandbox: { processingRounds: 2 } });
      const progress: number[] = [];
      const report = await service.check(MODERATOR, {
        inputs: ["+16315551001", "+16315559999"],
        onProgress: (update) => progress.push(update.done),
      });
      expect(report.rows.map((row) => row.status)).toEqual(["valid", "invalid"]);
      expect(progress.at(-1)).toBe(2);
    });
  });

  describe("when the server runs API v2.43 or later", () => {
    it("says the status is no longer a signal of a WhatsApp account", async () => {
      const { service, sandbox } = await start();
      sandbox.setApiVersion("v2.43.0");
      const report = await service.check(MODERATOR, { inputs: ["+16315559999"] });
      expect(report.statusIsSignal).toBe(false);
      expect(report.apiVersion).toBe("v2.43.0");
      // The cached answer keeps saying so.
      const cached = await service.check(MODERATOR, { inputs: ["+16315559999"] });
      expect(cached.rows[0]?.cached).toBe(true);
      expect(cached.statusIsSignal).toBe(false);
    });
  });
});
