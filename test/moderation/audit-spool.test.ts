import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Keyv from "keyv";
import { afterEach, describe, expect, it } from "vitest";
import { renderAuditLine } from "../../src/audit/render-audit-line.js";
import {
  AuditNotStoredYetError,
  defaultSpoolPath,
  NOT_STORED_YET,
} from "../../src/moderation/audit-spool.js";
import { createAuditTrail } from "../../src/moderation/audit-trail.js";
import type { AuditRecord } from "../../src/moderation/types.js";
import { describeKnownError } from "../../src/slack/text/error-text.js";
import type { AppStore } from "../../src/store/types.js";
import { type CoreHarness, MODERATOR, startCoreHarness } from "../support/core-harness.js";
import { STORE_TARGETS, uniquePrefix } from "../support/store-targets.js";

/** The audit spool (docs/CONTRACT.md §5): records the store does not take wait in a local file, never lost. */

type Mode = "up" | "down" | "hung";

/** The store with its audit namespace's writes failing or hanging while `state.mode` says so. */
function flakyAudit(state: { mode: Mode }) {
  return (store: AppStore): AppStore =>
    new Proxy(store, {
      get(target, property, receiver) {
        if (property !== "namespace") return Reflect.get(target, property, receiver);
        return <T>(requested: Parameters<AppStore["namespace"]>[0]): Keyv<T> => {
          const keyv = target.namespace<T>(requested);
          if (requested !== "audit") return keyv;
          return new Proxy(keyv, {
            get(inner, method, innerReceiver) {
              const real = Reflect.get(inner, method, innerReceiver);
              if (method !== "set" || typeof real !== "function") return real;
              return (...args: unknown[]) => {
                if (state.mode === "down") return Promise.reject(new Error("store connection lost"));
                if (state.mode === "hung") return new Promise(() => {});
                return (real as (...a: unknown[]) => Promise<unknown>).apply(inner, args);
              };
            },
          });
        };
      },
    });
}

const sqlite = STORE_TARGETS[0];

describe("the audit spool", () => {
  let core: CoreHarness | undefined;
  afterEach(async () => {
    await core?.close();
    core = undefined;
  });

  const start = async (state: { mode: Mode }) => {
    const spoolPath = join(await mkdtemp(join(tmpdir(), "wam-spool-")), "audit-spool.jsonl");
    const published: AuditRecord[] = [];
    core = await startCoreHarness({
      storeUrl: (await sqlite?.url()) ?? "",
      prefix: uniquePrefix(),
      wrapStore: flakyAudit(state),
      deps: { auditSpoolPath: spoolPath, publishAudit: async (record) => void published.push(record) },
    });
    return { core, spoolPath, published };
  };

  it("keeps a record the store refused in the spool, says 'not stored yet', then writes it once the store answers", async () => {
    const state = { mode: "down" as Mode };
    const { core, spoolPath, published } = await start(state);

    const error = await core.service
      .block(MODERATOR, "+16315551001", "spam")
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AuditNotStoredYetError);
    expect((error as Error).message).toContain(NOT_STORED_YET);
    expect(core.sandbox.state.blocklist).toContain("16315551001");
    const spooled = (await readFile(spoolPath, "utf8")).trim().split("\n");
    expect(spooled).toHaveLength(1);
    expect(JSON.parse(spooled[0] ?? "{}")).toMatchObject({
      action: "block",
      contact: "+16315551001",
      reason: "spam",
    });
    expect(published).toHaveLength(1);
    expect(JSON.stringify(renderAuditLine(published[0] as AuditRecord).blocks)).toContain(NOT_STORED_YET);
    // The moderator's answer in Slack says so too.
    const answer = describeKnownError(error, { now: Date.now(), moderatorsConfigured: true });
    expect(answer).toContain(`Done, but its audit record is ${NOT_STORED_YET}`);
    expect(answer).toContain((error as AuditNotStoredYetError).record.id);
    const logged = core.logger.lines.find((line) => line.includes(`audit record ${NOT_STORED_YET}`));
    expect(logged).toContain("+16315551001");
    expect(JSON.parse(logged ?? "{}").level).toBe("error");

    state.mode = "up";
    // A fresh service on the same store stands for the next start: it replays the spool at once.
    core.replica({ auditSpoolPath: spoolPath });
    const trail = createAuditTrail(core.store);
    await expect.poll(async () => (await trail.recent("+16315551001", 5)).length, { timeout: 5_000 }).toBe(1);
    const [stored] = await trail.recent("+16315551001", 5);
    expect(stored?.id).toBe((error as AuditNotStoredYetError).record.id);
    await expect.poll(async () => (await readFile(spoolPath, "utf8").catch(() => "")).trim()).toBe("");
  });

  it("writes the spool to the store as soon as the store takes a record again, without waiting for a restart", async () => {
    const state = { mode: "down" as Mode };
    const { core, spoolPath } = await start(state);
    await core.service.block(MODERATOR, "+16315551001", "spam").catch(() => undefined);
    expect(await readFile(spoolPath, "utf8")).toContain("+16315551001");

    state.mode = "up";
    await core.service.block(MODERATOR, "+16315551002", "spam");

    // The timed replay comes every 10 s; this is the store's first answer that brings it.
    const trail = createAuditTrail(core.store);
    await expect.poll(async () => (await trail.recent("+16315551001", 5)).length, { timeout: 3_000 }).toBe(1);
    await expect.poll(async () => (await readFile(spoolPath, "utf8").catch(() => "")).trim()).toBe("");
  });

  it("answers within the 15 s while the store hangs, with the record spooled", {
    timeout: 20_000,
  }, async () => {
    const { core, spoolPath } = await start({ mode: "hung" });

    const started = Date.now();
    const error = await core.service.block(MODERATOR, "+16315551001").catch((caught: unknown) => caught);

    expect(Date.now() - started).toBeLessThan(15_000);
    expect(error).toBeInstanceOf(AuditNotStoredYetError);
    expect(await readFile(spoolPath, "utf8")).toContain("+16315551001");
  });
});

describe("defaultSpoolPath", () => {
  it("is beside the SQLite file, else under ./data", () => {
    expect(defaultSpoolPath("sqlite://./var/wam/store.sqlite")).toBe(join("var/wam", "audit-spool.jsonl"));
    expect(defaultSpoolPath("redis://127.0.0.1:6379")).toBe(join("data", "audit-spool.jsonl"));
  });
});
