import { describe, expect, it } from "vitest";
import { instrumentBackend } from "../../src/metrics/instrument-backend.js";
import { createMetrics } from "../../src/metrics/metrics.js";
import type { CheckOutcome, WhatsAppBackend } from "../../src/whatsapp/backend.js";
import { WhatsAppApiError, WhatsAppTimeoutError } from "../../src/whatsapp/errors.js";

const notEngaged = new WhatsAppApiError({ code: 2048, title: "Not engaged contact", httpStatus: 400 });
const outcome: CheckOutcome = {
  results: [{ input: "+16315551000", status: "valid", waId: "16315551000" }],
  apiVersion: "v2.41.2",
  statusIsSignal: true,
};

function fakeBackend(calls: string[]): WhatsAppBackend {
  return {
    name: "sandbox",
    capabilities: { upstreamCheck: true, upstreamReport: true, blocklistPaging: "offset" },
    apiVersion: () => "v2.41.2",
    checkContacts: async (e164s) => {
      calls.push(`check ${e164s.join(",")}`);
      return outcome;
    },
    block: async (contact, reason) => {
      calls.push(`block ${"e164" in contact ? contact.e164 : contact.bsuid} ${reason}`);
      return { resent: false };
    },
    unblock: async () => {
      throw new WhatsAppTimeoutError("WhatsApp did not answer within 10000 ms");
    },
    report: async () => {
      throw notEngaged;
    },
    blocklistPage: async () => ({ contacts: [{ waId: "16315551000" }], total: 1 }),
    ping: async () => {
      throw new TypeError("fetch failed");
    },
    close: async () => {
      calls.push("close");
    },
  };
}

describe("instrumentBackend", () => {
  describe("when a call succeeds", () => {
    it("passes arguments and results through unchanged", async () => {
      const calls: string[] = [];
      const backend = instrumentBackend(fakeBackend(calls), createMetrics());

      expect(await backend.checkContacts(["+16315551000"])).toBe(outcome);
      await backend.block({ e164: "+16315551000" }, "spam");
      await backend.close();

      expect(calls).toEqual(["check +16315551000", "block +16315551000 spam", "close"]);
      expect(backend.name).toBe("sandbox");
      expect(backend.apiVersion()).toBe("v2.41.2");
    });

    it("counts and times it as ok under its endpoint", async () => {
      const metrics = createMetrics();
      const backend = instrumentBackend(fakeBackend([]), metrics);

      await backend.checkContacts(["+16315551000"]);
      await backend.blocklistPage({ kind: "offset", limit: 15, offset: 0 });
      await backend.blocklistPage({ kind: "offset", limit: 15, offset: 15 });

      const text = await metrics.registry.metrics();
      expect(text).toContain('wam_whatsapp_calls_total{endpoint="check",outcome="ok"} 1');
      expect(text).toContain('wam_whatsapp_calls_total{endpoint="blocklist",outcome="ok"} 2');
      expect(text).toContain('wam_whatsapp_call_duration_seconds_count{endpoint="blocklist",outcome="ok"} 2');
    });
  });

  describe("when a call fails", () => {
    it("rethrows the very same error", async () => {
      const backend = instrumentBackend(fakeBackend([]), createMetrics());
      await expect(backend.report("+16315551000", { messageId: "wamid.1" })).rejects.toBe(notEngaged);
    });

    it("counts it as an error labelled with the error code", async () => {
      const metrics = createMetrics();
      const backend = instrumentBackend(fakeBackend([]), metrics);

      await backend.report("+16315551000").catch(() => {});
      await backend.unblock({ e164: "+16315551000" }).catch(() => {});
      await backend.ping().catch(() => {});

      const text = await metrics.registry.metrics();
      expect(text).toContain(
        'wam_whatsapp_calls_total{endpoint="report",outcome="error",error_code="wa_api_error"} 1',
      );
      expect(text).toContain(
        'wam_whatsapp_calls_total{endpoint="unblock",outcome="error",error_code="wa_timeout"} 1',
      );
      expect(text).toContain(
        'wam_whatsapp_calls_total{endpoint="ping",outcome="error",error_code="unexpected"} 1',
      );
      expect(text).toContain('wam_whatsapp_call_duration_seconds_count{endpoint="report",outcome="error"} 1');
    });
  });
});
