import type {
  ActionResult,
  Actor,
  AuditRecord,
  BlocklistView,
  CheckReport,
  CheckRow,
  ContactHistory,
  InboundRecord,
  ModerationAction,
  ModerationService,
} from "../../src/moderation/types.js";
import type { BlocklistPageRequest } from "../../src/whatsapp/backend.js";

/**
 * An in-memory ModerationService for surface tests: it keeps a blocklist and an audit trail, answers checks
 * with "valid", pages the blocklist by offset, and records every call. It does no authorisation and no phone
 * parsing beyond "digits with a +": surfaces are tested against it, the real core is tested on its own.
 */

export interface FakeModerationCall {
  method: keyof ModerationService;
  actor?: Actor;
  args: unknown[];
}

export interface FakeModerationOptions {
  /** wa_ids already blocked. */
  blocked?: string[];
  pageSize?: number;
}

export interface FakeModeration extends ModerationService {
  calls: FakeModerationCall[];
  callsTo(method: keyof ModerationService): FakeModerationCall[];
  /** wa_ids on the blocklist, in blocking order. */
  blocked: string[];
  /** Every call waits this long first (0 by default), to test acks that must not wait for the core. */
  delayMs: number;
  /** Every call of `method` throws `error` from now on. */
  failWith(method: keyof ModerationService, error: unknown): void;
}

const BUDGET = { used: 3, limit: 200, resetsAt: "2030-01-02T00:00:00.000Z" };

function toE164(input: string): string | undefined {
  const digits = input.replace(/[\s().-]/g, "");
  const match = /^\+?(\d{7,15})$/.exec(digits);
  return match ? `+${match[1]}` : undefined;
}

export function createFakeModeration(options: FakeModerationOptions = {}): FakeModeration {
  const calls: FakeModerationCall[] = [];
  const failures = new Map<keyof ModerationService, unknown>();
  const blocked = [...(options.blocked ?? [])];
  const trail: AuditRecord[] = [];
  const inbound = new Map<string, InboundRecord>();
  const pageSize = options.pageSize ?? 15;
  let auditCounter = 0;

  const enter = async (method: keyof ModerationService, actor: Actor | undefined, args: unknown[]) => {
    calls.push({ method, ...(actor === undefined ? {} : { actor }), args });
    if (fake.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fake.delayMs));
    if (failures.has(method)) throw failures.get(method);
  };

  const act = (
    actor: Actor,
    action: ModerationAction,
    input: string,
    extra: Partial<AuditRecord> = {},
  ): ActionResult => {
    const e164 = toE164(input);
    if (e164 === undefined) throw new Error(`fake moderation: "${input}" is not +digits`);
    const record: AuditRecord = {
      id: `audit-${++auditCounter}`,
      at: new Date().toISOString(),
      actor: actor.userId,
      action,
      contact: e164,
      outcome: "ok",
      ...extra,
    };
    trail.unshift(record);
    return { action, contact: e164, record, warnings: [] };
  };

  const block = (waId: string) => {
    if (!blocked.includes(waId)) blocked.push(waId);
  };

  const page = (request: BlocklistPageRequest): BlocklistView => {
    if (request.kind !== "offset") throw new Error("fake moderation pages by offset only");
    const { limit, offset } = request;
    const waIds = blocked.slice(offset, offset + limit);
    const total = blocked.length;
    return {
      rows: waIds.map((waId) => ({ waId, e164: `+${waId}`, display: `+${waId}` })),
      page: Math.floor(offset / limit) + 1,
      pageCount: Math.max(1, Math.ceil(total / limit)),
      total,
      pageSize: limit,
      shown: request,
      ...(offset + limit < total ? { next: { kind: "offset", limit, offset: offset + limit } } : {}),
      ...(offset > 0 ? { previous: { kind: "offset", limit, offset: Math.max(0, offset - limit) } } : {}),
    };
  };

  const fake: FakeModeration = {
    calls,
    blocked,
    delayMs: 0,
    callsTo: (method) => calls.filter((call) => call.method === method),
    failWith: (method, error) => {
      failures.set(method, error);
    },
    // Lets everyone in, unrecorded: the moderator gate asks before every request.
    access: async () => {
      if (failures.has("access")) throw failures.get("access");
    },

    check: async (actor, request) => {
      await enter("check", actor, [request]);
      const rows: CheckRow[] = request.inputs.map((input) => {
        const e164 = toE164(input);
        if (e164 === undefined) {
          return {
            input,
            warnings: [],
            status: "unparseable",
            refusal: "it is not a phone number",
            cached: false,
          };
        }
        return { input, e164, warnings: [], status: "valid", waId: e164.slice(1), cached: false, ageMs: 0 };
      });
      const report: CheckReport = { rows, source: "whatsapp", statusIsSignal: true, budget: BUDGET };
      return report;
    },
    block: async (actor, input, reason) => {
      await enter("block", actor, [input, reason]);
      const result = act(actor, "block", input, reason === undefined ? {} : { reason });
      block(result.contact.slice(1));
      return result;
    },
    unblock: async (actor, input) => {
      await enter("unblock", actor, [input]);
      const result = act(actor, "unblock", input);
      const index = blocked.indexOf(result.contact.slice(1));
      if (index >= 0) blocked.splice(index, 1);
      return result;
    },
    report: async (actor, input, request) => {
      await enter("report", actor, [input, request]);
      const result = act(actor, "report", input, {
        ...(request.reason === undefined ? {} : { reason: request.reason }),
        ...(request.messageId === undefined ? {} : { messageId: request.messageId }),
        ...(request.block ? { alsoBlock: true } : {}),
      });
      if (request.block) block(result.contact.slice(1));
      return result;
    },
    blocklist: async (actor, asked) => {
      await enter("blocklist", actor, [asked]);
      return page(
        typeof asked === "number"
          ? { kind: "offset", limit: pageSize, offset: (asked - 1) * pageSize }
          : asked,
      );
    },
    history: async (actor, input) => {
      await enter("history", actor, [input]);
      const e164 = toE164(input) ?? input;
      const last = inbound.get(e164.slice(1));
      const history: ContactHistory = {
        e164,
        display: e164,
        trail: trail.filter((record) => record.contact === e164),
        ...(last === undefined ? {} : { lastInboundAt: last.at, lastMessageId: last.messageId }),
      };
      return history;
    },
  };
  return fake;
}
