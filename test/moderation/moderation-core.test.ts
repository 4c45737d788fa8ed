import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  BudgetExhaustedError,
  NotEngagedError,
  NotModeratorError,
  ReasonTooLongError,
  TooManyNumbersError,
} from "../../src/moderation/errors.js";
import { InvalidPhoneNumberError } from "../../src/phone/errors.js";
import type { AppStore } from "../../src/store/types.js";
import type { WhatsAppBackend } from "../../src/whatsapp/backend.js";
import { WhatsAppApiError, WhatsAppBusyError } from "../../src/whatsapp/errors.js";
import { type CoreHarness, callsTo, MODERATOR, STRANGER, startCoreHarness } from "../support/core-harness.js";
import { STORE_TARGETS, uniquePrefix } from "../support/store-targets.js";

const HOUR = 60 * 60 * 1000;

for (const target of STORE_TARGETS) {
  describe.skipIf(!target.available)(
    `moderation core on the ${target.name} store${target.skipReason}`,
    () => {
      let core: CoreHarness;

      beforeEach(async () => {
        core = await startCoreHarness({ storeUrl: await target.url(), prefix: uniquePrefix() });
      });
      afterEach(async () => {
        await core.close();
      });

      describe("check", () => {
        it("answers a WhatsApp user as valid with its wa_id, fresh from the API", async () => {
          const report = await core.service.check(MODERATOR, { inputs: ["+1 631-555-1001"] });
          expect(report.rows).toEqual([
            expect.objectContaining({
              input: "+1 631-555-1001",
              e164: "+16315551001",
              status: "valid",
              waId: "16315551001",
              cached: false,
            }),
          ]);
          expect(report.statusIsSignal).toBe(true);
          expect(report.budget?.used).toBe(1);
        });

        it("serves a second check from the cache, with its age, without calling WhatsApp or spending budget", async () => {
          await core.service.check(MODERATOR, { inputs: ["+16315551001"] });
          const calls = callsTo(core.sandbox, "POST", "/v1/contacts");
          const again = await core.service.check(MODERATOR, { inputs: ["(631) 555-1001"] });
          expect(again.rows[0]).toMatchObject({ status: "valid", cached: true });
          expect(again.rows[0]?.ageMs).toBeGreaterThanOrEqual(0);
          expect(callsTo(core.sandbox, "POST", "/v1/contacts")).toBe(calls);
          expect(again.budget).toBeUndefined();
        });

        it("with force skips both caches and counts against the budget again", async () => {
          await core.service.check(MODERATOR, { inputs: ["+16315551001"] });
          const forced = await core.service.check(MODERATOR, { inputs: ["+16315551001"], force: true });
          expect(forced.rows[0]).toMatchObject({ cached: false, status: "valid" });
          expect(forced.budget?.used).toBe(2);
        });

        it("refuses what is not a phone number with its reason, and sends WhatsApp only the rest", async () => {
          const report = await core.service.check(MODERATOR, { inputs: ["notanumber", "+16315551003"] });
          expect(report.rows[0]).toMatchObject({ input: "notanumber", status: "unparseable" });
          expect(report.rows[0]?.refusal).toMatch(/not a phone number/);
          expect(report.rows[1]).toMatchObject({ status: "valid" });
          expect(report.budget?.used).toBe(1);
        });

        it("warns when the country was implied by the business number", async () => {
          const report = await core.service.check(MODERATOR, { inputs: ["6315551002"] });
          expect(report.rows[0]?.e164).toBe("+16315551002");
          expect(report.rows[0]?.warnings.map((warning) => warning.code)).toContain("country_implied");
        });

        it("answers a number without WhatsApp as invalid", async () => {
          const report = await core.service.check(MODERATOR, { inputs: ["+16315559999"] });
          expect(report.rows[0]).toMatchObject({ status: "invalid" });
        });

        it("refuses more than 20 numbers at once, before any call", async () => {
          const inputs = Array.from({ length: 21 }, (_, index) => `+1631555${String(2000 + index)}`);
          await expect(core.service.check(MODERATOR, { inputs })).rejects.toBeInstanceOf(TooManyNumbersError);
          expect(callsTo(core.sandbox, "POST", "/v1/contacts")).toBe(0);
        });

        it("refuses a non-moderator and calls nothing", async () => {
          await expect(core.service.check(STRANGER, { inputs: ["+16315551001"] })).rejects.toBeInstanceOf(
            NotModeratorError,
          );
          expect(callsTo(core.sandbox, "POST", "/v1/contacts")).toBe(0);
        });
      });

      describe("the daily check budget", () => {
        it("refuses a check that would exceed it, saying how many are left and when it resets", async () => {
          const small = core.replica({ dailyBudget: 3 });
          await small.check(MODERATOR, { inputs: ["+16315551001", "+16315551002"] });
          const refusal = await small
            .check(MODERATOR, { inputs: ["+16315551003", "+16315559998"] })
            .catch((error: unknown) => error);
          expect(refusal).toBeInstanceOf(BudgetExhaustedError);
          expect(refusal).toMatchObject({ remaining: 1, requested: 2, limit: 3 });
          expect((refusal as BudgetExhaustedError).resetsAt).toMatch(/T00:00:00\.000Z$/);
          // What was refused was not spent: one more still fits.
          await expect(small.check(MODERATOR, { inputs: ["+16315551003"] })).resolves.toMatchObject({
            budget: { used: 3, limit: 3 },
          });
        });

        it("gives back what a check that never reached WhatsApp took from it", async () => {
          const busy: WhatsAppBackend = {
            ...core.backend,
            checkContacts: () => Promise.reject(new WhatsAppBusyError("no turn in time")),
          };
          const notSent = core
            .replica({ dailyBudget: 3, backend: busy })
            .check(MODERATOR, { inputs: ["+16315551001", "+16315551002"] });
          await expect(notSent).rejects.toBeInstanceOf(WhatsAppBusyError);
          const small = core.replica({ dailyBudget: 3 });
          await expect(
            small.check(MODERATOR, { inputs: ["+16315551001", "+16315551002", "+16315551003"] }),
          ).resolves.toMatchObject({ budget: { used: 3, limit: 3 } });
        });

        it("holds across two replicas checking at the same time", async () => {
          const replicas = [core.replica({ dailyBudget: 10 }), core.replica({ dailyBudget: 10 })];
          const attempts = Array.from({ length: 16 }, (_, index) =>
            replicas[index % 2]?.check(MODERATOR, { inputs: [`+1631555${String(3000 + index)}`] }),
          );
          const outcomes = await Promise.allSettled(attempts);
          expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(10);
          const refused = outcomes.filter((outcome) => outcome.status === "rejected");
          expect(refused).toHaveLength(6);
          for (const outcome of refused) expect(outcome.reason).toBeInstanceOf(BudgetExhaustedError);
        });
      });

      describe("block and unblock", () => {
        it("blocks an engaged contact, records who did it and why, and the blocklist shows it", async () => {
          const result = await core.service.block(MODERATOR, "+1 631 555 1001", "spam");
          expect(result.contact).toBe("+16315551001");
          expect(result.record).toMatchObject({
            actor: MODERATOR.userId,
            action: "block",
            reason: "spam",
            outcome: "ok",
          });
          expect(core.sandbox.state.blocklist).toContain("16315551001");
          const history = await core.service.history(MODERATOR, "+16315551001");
          expect(history.trail[0]).toMatchObject({ action: "block", outcome: "ok", reason: "spam" });
        });

        it("says not engaged (2048), with when the contact last wrote, and audits the refusal", async () => {
          const wroteAt = new Date(Date.now() - 30 * HOUR).toISOString();
          await core.inbound.record({
            contact: "16315551003",
            messageId: "wamid.OLD0000000001",
            at: wroteAt,
          });
          const error = await core.service
            .block(MODERATOR, "+16315551003")
            .catch((caught: unknown) => caught);
          expect(error).toBeInstanceOf(NotEngagedError);
          expect(error).toMatchObject({ lastInboundAt: wroteAt, e164: "+16315551003" });
          expect((error as NotEngagedError).cause).toBeInstanceOf(WhatsAppApiError);
          const history = await core.service.history(MODERATOR, "+16315551003");
          expect(history.trail[0]).toMatchObject({
            outcome: "refused",
            errorCode: "not_engaged",
            waCode: 2048,
          });
        });

        it("refuses a reason of 60 characters or more before any call, naming the length", async () => {
          const reason = "x".repeat(70);
          const error = await core.service
            .block(MODERATOR, "+16315551001", reason)
            .catch((caught: unknown) => caught);
          expect(error).toBeInstanceOf(ReasonTooLongError);
          expect((error as Error).message).toBe("reasons must be under 60 characters; this one has 70");
          expect(callsTo(core.sandbox, "POST", "/v1/contacts/")).toBe(0);
          const history = await core.service.history(MODERATOR, "+16315551001");
          expect(history.trail[0]).toMatchObject({ outcome: "refused", errorCode: "reason_too_long" });
        });

        it("refuses a non-moderator, calls nothing, and audits the refusal", async () => {
          await expect(core.service.block(STRANGER, "+16315551001", "spam")).rejects.toBeInstanceOf(
            NotModeratorError,
          );
          expect(callsTo(core.sandbox, "POST", "/v1/contacts/")).toBe(0);
          const history = await core.service.history(MODERATOR, "+16315551001");
          expect(history.trail[0]).toMatchObject({
            actor: STRANGER.userId,
            outcome: "refused",
            errorCode: "not_moderator",
          });
        });

        it("refuses an invalid number with its reason", async () => {
          await expect(core.service.block(MODERATOR, "12")).rejects.toBeInstanceOf(InvalidPhoneNumberError);
        });

        it("unblocks a blocked number", async () => {
          const result = await core.service.unblock(MODERATOR, "+16315551090");
          expect(result.record).toMatchObject({ action: "unblock", outcome: "ok" });
          expect(core.sandbox.state.blocklist).not.toContain("16315551090");
        });
      });

      describe("report", () => {
        it("reports with the offending message's id", async () => {
          const inbound = await core.sandbox.simulateInbound({ from: "+16315551002", text: "buy now" });
          const result = await core.service.report(MODERATOR, "+16315551002", {
            reason: "scam",
            messageId: inbound.messageId,
          });
          expect(result.record).toMatchObject({
            action: "report",
            messageId: inbound.messageId,
            alsoBlock: false,
          });
          expect(core.sandbox.state.reports.at(-1)).toMatchObject({
            waId: "16315551002",
            reason: "scam",
            block: false,
            messageIds: [inbound.messageId],
          });
          expect(core.sandbox.state.blocklist).not.toContain("16315551002");
        });

        it("with block also blocks the contact", async () => {
          await core.service.report(MODERATOR, "+16315551002", { block: true });
          expect(core.sandbox.state.reports.at(-1)).toMatchObject({ block: true });
          expect(core.sandbox.state.blocklist).toContain("16315551002");
        });

        it("of a contact that has not written in 24 hours is refused as not engaged", async () => {
          await expect(core.service.report(MODERATOR, "+16315551003", {})).rejects.toBeInstanceOf(
            NotEngagedError,
          );
        });
      });

      describe("blocklist", () => {
        it("shows one page with the total and the page count, ids as E.164 for people", async () => {
          const view = await core.service.blocklist(MODERATOR, 1);
          expect(view).toMatchObject({ page: 1, pageCount: 1, total: 2, pageSize: 10 });
          expect(view.rows.map((row) => row.display)).toEqual(["+1 631-555-1090", "+1 631-555-1091"]);
          expect(view.rows[0]?.e164).toBe("+16315551090");
          expect(view.next).toBeUndefined();
          expect(view.previous).toBeUndefined();
        });

        it("shows the last page when asked for one past the end, with the request that gives it", async () => {
          const view = await core.service.blocklist(MODERATOR, 5);
          expect(view.page).toBe(1);
          expect(view.rows).toHaveLength(2);
          expect(view.shown).toEqual({ kind: "offset", limit: 10, offset: 0 });
        });

        it("is fresh after a block, although pages are briefly cached", async () => {
          await core.service.blocklist(MODERATOR, 1);
          await core.service.block(MODERATOR, "+16315551001");
          const view = await core.service.blocklist(MODERATOR, 1);
          expect(view.total).toBe(3);
        });

        it("refuses a non-moderator", async () => {
          await expect(core.service.blocklist(STRANGER, 1)).rejects.toBeInstanceOf(NotModeratorError);
        });
      });

      describe("history and the inbound log", () => {
        it("shows the trail newest first, the last inbound message and the last check", async () => {
          await core.service.check(MODERATOR, { inputs: ["+16315551001"] });
          await core.inbound.record({
            contact: "16315551001",
            messageId: "wamid.HIST00000001",
            at: new Date().toISOString(),
          });
          await core.service.block(MODERATOR, "+16315551001", "first");
          await core.service.unblock(MODERATOR, "+16315551001");
          const history = await core.service.history(MODERATOR, "+1 631 555 1001");
          expect(history.display).toBe("+1 631-555-1001");
          expect(history.trail.map((record) => record.action)).toEqual(["unblock", "block"]);
          expect(history.lastMessageId).toBe("wamid.HIST00000001");
          expect(history.lastCheck).toMatchObject({ status: "valid", waId: "16315551001" });
        });

        it("reads a trail and the blocklist without writing a counter", async () => {
          const { store } = core;
          const written: string[] = [];
          const watched: AppStore = {
            ...store,
            namespace: (name) => store.namespace(name),
            atomic: {
              ...store.atomic,
              increment: (namespace, key, by, ttlMs) => {
                written.push(`${namespace}:${key}`);
                return store.atomic.increment(namespace, key, by, ttlMs);
              },
            },
          };
          const reader = core.replica({ store: watched });
          await reader.history(MODERATOR, "+16315551001");
          await reader.blocklist(MODERATOR, 1);
          expect(written).toEqual([]);
        });

        it("records a message id once: a second delivery is a duplicate", async () => {
          const inbound = {
            contact: "16315551002",
            messageId: "wamid.DUP000000001",
            at: new Date().toISOString(),
          };
          expect(await core.inbound.record(inbound)).toBe(true);
          expect(await core.inbound.record(inbound)).toBe(false);
          expect(await core.inbound.last("16315551002")).toMatchObject({
            messageId: "wamid.DUP000000001",
          });
        });

        it("keeps the newest message as the last inbound when deliveries arrive out of order", async () => {
          const newer = new Date().toISOString();
          const older = new Date(Date.now() - HOUR).toISOString();
          await core.inbound.record({
            contact: "16315551002",
            messageId: "wamid.NEW000000001",
            at: newer,
          });
          await core.inbound.record({
            contact: "16315551002",
            messageId: "wamid.OLD000000001",
            at: older,
          });
          expect(await core.inbound.last("16315551002")).toMatchObject({ at: newer });
        });
      });
    },
  );
}
