import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import {
  WhatsAppApiError,
  WhatsAppBadResponseError,
  WhatsAppTimeoutError,
} from "../../../../src/whatsapp/errors.js";
import { actionPath, failureOf, startContract } from "./contract-harness.js";

const DANA = "+16315551001";
const FIRST_PAGE = { kind: "offset", limit: 15, offset: 0 } as const;
const BLOCKLIST_PATH = "/v1/contacts/blocklist?limit=15&offset=0";

describe("when the On-Premises node misbehaves", () => {
  describe("and hangs", () => {
    it("the caller gets a timeout saying WhatsApp did not answer, within the deadline", async () => {
      const { sandbox, client, calls } = await startContract({ client: { timeoutMs: 100, deadlineMs: 600 } });
      sandbox.faults.next({ kind: "hang" }, 20);

      const started = performance.now();
      const error = await failureOf(client.blocklistPage(FIRST_PAGE));
      const took = performance.now() - started;

      expect(error).toBeInstanceOf(WhatsAppTimeoutError);
      expect(error).toMatchObject({ code: "wa_timeout" });
      expect((error as Error).message).toMatch(/WhatsApp did not answer within/);
      expect(took).toBeGreaterThanOrEqual(100);
      expect(took).toBeLessThan(600 + 300);
      // Idempotent: each attempt that timed out was tried again, and none was answered.
      expect(calls(BLOCKLIST_PATH).length).toBeGreaterThanOrEqual(2);
      expect(calls(BLOCKLIST_PATH).every((call) => call.status === undefined)).toBe(true);
    });
  });

  describe("and a proxy answers its HTML 502 page", () => {
    it("the caller gets a bad-response error with status 502 once the retries are spent", async () => {
      const { sandbox, client, statuses } = await startContract();
      sandbox.faults.next({ kind: "html502" }, 5);

      const error = await failureOf(client.blocklistPage(FIRST_PAGE));

      expect(error).toBeInstanceOf(WhatsAppBadResponseError);
      expect(error).toMatchObject({ code: "wa_bad_response", httpStatus: 502 });
      expect((error as Error).message).toBe("WhatsApp answered HTTP 502 with a body that is not JSON");
      expect(statuses(BLOCKLIST_PATH)).toEqual([502, 502, 502, 502, 502]);
    });

    it("a report is not sent again, as the node behind the proxy may have acted on it", async () => {
      const { sandbox, client, statuses } = await startContract();
      sandbox.faults.next({ kind: "html502" });

      await expect(client.report(DANA, { reason: "spam" })).rejects.toBeInstanceOf(WhatsAppBadResponseError);

      expect(statuses(actionPath(DANA, "report"))).toEqual([502]);
    });
  });

  describe("and answers errors[] with HTTP 200", () => {
    it("the caller gets WhatsApp's error, not a success, and the call is not retried", async () => {
      const { sandbox, client, statuses } = await startContract();
      sandbox.faults.next({ kind: "errors200", code: 1013, title: "User is not valid" });

      const error = await failureOf(client.block({ e164: DANA }));

      expect(error).toBeInstanceOf(WhatsAppApiError);
      expect(error).toMatchObject({ waCode: 1013, title: "User is not valid", httpStatus: 200 });
      expect((error as Error).message).toMatch(/^WhatsApp error 1013 User is not valid/);
      expect(statuses(actionPath(DANA, "block"))).toEqual([200]);
      expect(sandbox.state.blocklist).not.toContain("16315551001");
    });
  });
});
