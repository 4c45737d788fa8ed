import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NotEngagedError, ParentBsuidError } from "../../src/moderation/errors.js";
import { createModerationService } from "../../src/moderation/service.js";
import type {
  AuditRecord,
  ContactDirectory,
  ContactIdentity,
  InboundRecord,
  ModerationService,
} from "../../src/moderation/types.js";
import { createStore } from "../../src/store/index.js";
import type { AppStore } from "../../src/store/types.js";
import type {
  BlocklistPage,
  BlocklistPageRequest,
  ContactRef,
  WhatsAppBackend,
} from "../../src/whatsapp/backend.js";
import { WaErrorCode, WhatsAppApiError, WhatsAppUnsupportedError } from "../../src/whatsapp/errors.js";
import { captureLogger } from "../support/capture-logger.js";

/**
 * The moderation core over a backend shaped like the Cloud API (no contact check, no report, cursor paging),
 * with the real store. The backend is in memory: the Cloud client and the sandbox are tested on their own.
 */

const MODERATOR = { userId: "U0MOD" };
const NOW = Date.parse("2030-01-01T12:00:00Z");
const HOUR = 3_600_000;
const USERNAME_ONLY = "US.13491208655302741918";

interface CloudFake extends WhatsAppBackend {
  sent: Array<{ call: string; contact: ContactRef }>;
  fail: WhatsAppApiError | undefined;
  staleCursors: boolean;
}

function cloudFake(): CloudFake {
  const unsupported = () => Promise.reject(new WhatsAppUnsupportedError("the Cloud API has no such call"));
  const fake: CloudFake = {
    sent: [],
    fail: undefined,
    staleCursors: false,
    name: "cloud",
    capabilities: { upstreamCheck: false, upstreamReport: false, blocklistPaging: "cursor" },
    apiVersion: () => undefined,
    checkContacts: unsupported,
    report: unsupported,
    block: async (contact) => {
      fake.sent.push({ call: "block", contact });
      if (fake.fail) throw fake.fail;
      return { resent: false };
    },
    unblock: async (contact) => {
      fake.sent.push({ call: "unblock", contact });
      return { resent: true };
    },
    blocklistPage: async (request: BlocklistPageRequest): Promise<BlocklistPage> => {
      if (request.kind === "cursor" && request.after !== undefined && fake.staleCursors) {
        throw new WhatsAppApiError({
          code: WaErrorCode.CloudBlocklistChanged,
          title: "Blocklist concurrent update",
          httpStatus: 400,
        });
      }
      return {
        contacts: [{ waId: "16315551001" }, { bsuid: USERNAME_ONLY }],
        next: { kind: "cursor", limit: request.limit, after: "QVFIU" },
      };
    },
    ping: async () => {},
    close: async () => {},
  };
  return fake;
}

function directoryOf(identities: ContactIdentity[]): ContactDirectory {
  return {
    byWaId: async (waId) => identities.find((identity) => identity.waId === waId),
    byBsuid: async (bsuid) => identities.find((identity) => identity.bsuid === bsuid),
  };
}

let dir: string;
let store: AppStore;
let backend: CloudFake;
let inbound: Map<string, InboundRecord>;
let core: ModerationService;
let published: AuditRecord[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "wa-cloud-core-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(async () => {
  await store?.close();
  store = await createStore(`sqlite://${join(dir, `${Math.random()}.sqlite`)}`, {
    purgeIntervalMs: false,
    logger: captureLogger(),
  });
  backend = cloudFake();
  inbound = new Map();
  published = [];
  core = createModerationService({
    publishAudit: async (record) => {
      published.push(record);
    },
    backend,
    store,
    inbound: { last: async (key) => inbound.get(key) },
    directory: directoryOf([
      {
        waId: "16315551001",
        bsuid: "US.1000000000000000001",
        username: "@dana",
        seenAt: "2030-01-01T11:00:00Z",
      },
      { bsuid: USERNAME_ONLY, username: "@spammer", seenAt: "2030-01-01T11:00:00Z" },
    ]),
    businessCountry: "US",
    isModerator: async (actor) => actor.userId === MODERATOR.userId,
    dailyBudget: 1,
    blocklistPageSize: 10,
    logger: captureLogger(),
    now: () => NOW,
  });
});

describe("the moderation core on the Cloud API", () => {
  describe("check", () => {
    it("answers from what the bot knows, asks WhatsApp nothing and spends no budget", async () => {
      inbound.set("16315551001", {
        contact: "16315551001",
        messageId: "wamid.A",
        at: new Date(NOW - 2 * HOUR).toISOString(),
      });
      await core.block(MODERATOR, "+16315551001", "spam");
      const report = await core.check(MODERATOR, {
        inputs: ["+1 631 555 1001", "+16315551002", "+16315551003"],
      });
      expect(report.source).toBe("local");
      expect(report.budget).toBeUndefined();
      const [known, unknown] = report.rows;
      expect(known).toMatchObject({
        e164: "+16315551001",
        status: "unchecked",
        local: { bsuid: "US.1000000000000000001", username: "@dana", blockedHere: true, windowOpen: true },
      });
      expect(known?.local?.lastAction).toMatchObject({ action: "block", outcome: "ok" });
      expect(unknown).toMatchObject({ e164: "+16315551002", status: "unchecked", local: {} });
      expect(backend.sent.filter((call) => call.call !== "block")).toEqual([]);
    });

    it("says the 24-hour window is closed when the contact last wrote more than a day ago", async () => {
      inbound.set("16315551001", {
        contact: "16315551001",
        messageId: "wamid.B",
        at: new Date(NOW - 25 * HOUR).toISOString(),
      });
      const report = await core.check(MODERATOR, { inputs: ["+16315551001"] });
      expect(report.rows[0]?.local?.windowOpen).toBe(false);
    });
  });

  describe("block and unblock", () => {
    it("sends a BSUID the relay saw with a number as that number", async () => {
      const result = await core.block(MODERATOR, "US.1000000000000000001");
      expect(backend.sent).toEqual([{ call: "block", contact: { e164: "+16315551001" } }]);
      expect(result.contact).toBe("+16315551001");
    });

    it("sends a contact known only by its BSUID as that BSUID, and audits it under the BSUID", async () => {
      const result = await core.block(MODERATOR, USERNAME_ONLY, "spam");
      expect(backend.sent).toEqual([{ call: "block", contact: { bsuid: USERNAME_ONLY } }]);
      expect(result.record).toMatchObject({ contact: USERNAME_ONLY, outcome: "ok" });
      const history = await core.history(MODERATOR, USERNAME_ONLY);
      expect(history.display).toBe(`@spammer (${USERNAME_ONLY})`);
      expect(history.trail).toHaveLength(1);
    });

    it("refuses a parent BSUID without calling WhatsApp, and audits the refusal", async () => {
      const error = await core
        .block(MODERATOR, "US.ENT.11815799212886844830")
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ParentBsuidError);
      expect(backend.sent).toEqual([]);
      expect(published).toMatchObject([
        {
          action: "block",
          contact: "US.ENT.11815799212886844830",
          outcome: "refused",
          errorCode: "parent_bsuid",
        },
      ]);
    });

    it("explains 131047 with when the relay last saw the contact write", async () => {
      const wroteAt = new Date(NOW - 30 * HOUR).toISOString();
      inbound.set(USERNAME_ONLY, { contact: USERNAME_ONLY, messageId: "wamid.C", at: wroteAt });
      backend.fail = new WhatsAppApiError({
        code: WaErrorCode.CloudNotEngaged,
        title: "Re-engagement message",
        httpStatus: 400,
      });
      const error = await core.block(MODERATOR, USERNAME_ONLY).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(NotEngagedError);
      expect(error).toMatchObject({ e164: USERNAME_ONLY, lastInboundAt: wroteAt });
    });

    it("audits an unblock that had to be sent again as one that may have gone through twice", async () => {
      const result = await core.unblock(MODERATOR, "+16315551001");
      expect(result.record.outcome).toBe("ok");
      expect(result.record.detail).toMatch(/sent again/);
    });
  });

  describe("report", () => {
    it("is recorded and audited here only, and says so", async () => {
      const result = await core.report(MODERATOR, "+16315551001", { reason: "abuse", messageId: "wamid.X" });
      expect(result.recordedOnly).toBe(true);
      expect(result.record).toMatchObject({
        action: "report",
        outcome: "ok",
        messageId: "wamid.X",
        reason: "abuse",
      });
      expect(result.record.detail).toMatch(/no report API/);
      expect(backend.sent).toEqual([]);
    });

    it("blocks when asked to also block", async () => {
      await core.report(MODERATOR, USERNAME_ONLY, { block: true });
      expect(backend.sent).toEqual([{ call: "block", contact: { bsuid: USERNAME_ONLY } }]);
    });
  });

  describe("blocklist", () => {
    it("lists a contact known only by its BSUID with the username the relay saw", async () => {
      const view = await core.blocklist(MODERATOR, 1);
      expect(view.rows).toEqual([
        { waId: "16315551001", e164: "+16315551001", display: "+1 631-555-1001" },
        { bsuid: USERNAME_ONLY, username: "@spammer", display: USERNAME_ONLY },
      ]);
      expect(view.next).toEqual({ kind: "cursor", limit: 10, after: "QVFIU" });
      expect(view.total).toBeUndefined();
    });

    it("starts again at page one, saying so, when the list changed while paging (139102)", async () => {
      backend.staleCursors = true;
      const view = await core.blocklist(MODERATOR, { kind: "cursor", limit: 10, after: "STALE" });
      expect(view.restarted).toBe(true);
      expect(view.shown).toEqual({ kind: "cursor", limit: 10 });
    });
  });
});
