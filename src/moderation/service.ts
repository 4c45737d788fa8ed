import type { AppLogger } from "../log/logger.js";
import type { CountryCode } from "../phone/types.js";
import type { AppStore } from "../store/types.js";
import type { WhatsAppBackend } from "../whatsapp/backend.js";
import { blockSpec, reportSpec, unblockSpec } from "./action-specs.js";
import { type ActionDeps, runAction } from "./actions.js";
import { createAuditSpool, startSpoolReplay } from "./audit-spool.js";
import { createAuditTrail } from "./audit-trail.js";
import { assertModerator } from "./authorize.js";
import { createBlocklistPages } from "./blocklist.js";
import { createCheckBudget } from "./budget.js";
import { checkContacts } from "./check.js";
import { createCheckCache } from "./check-cache.js";
import { type Clock, systemClock } from "./clock.js";
import { contactHistory } from "./history.js";
import { localCheck } from "./local-check.js";
import { createSharedLookups } from "./shared-lookups.js";
import type {
  AuditPublisher,
  ContactDirectory,
  IsModerator,
  LastInboundReader,
  ModerationMetrics,
  ModerationService,
} from "./types.js";

export interface ModerationDeps {
  backend: WhatsAppBackend;
  store: AppStore;
  businessCountry: CountryCode;
  isModerator: IsModerator;
  /** When contacts last wrote (the relay keeps it), to explain the 24-hour rule. */
  inbound: LastInboundReader;
  /** The BSUID ↔ wa_id ↔ username map the relay keeps (cloud backends only). */
  directory?: ContactDirectory | undefined;
  dailyBudget: number;
  blocklistPageSize: number;
  logger: AppLogger;
  publishAudit?: AuditPublisher;
  /** The audit spool file (docs/CONTRACT.md §5; defaultSpoolPath in audit-spool.ts); none: no spool. */
  auditSpoolPath?: string | undefined;
  metrics?: ModerationMetrics;
  now?: Clock;
}

const noMetrics: ModerationMetrics = { cacheLookup: () => {}, budgetLeft: () => {} };

/** The moderation core: what a moderator's request means, independent of Slack. */
export function createModerationService(deps: ModerationDeps): ModerationService {
  const now = deps.now ?? systemClock;
  const cache = createCheckCache(deps.store);
  const trail = createAuditTrail(deps.store);
  const inbound = deps.inbound;
  const blocklist = createBlocklistPages(
    deps.backend,
    deps.store,
    deps.blocklistPageSize,
    deps.logger,
    deps.directory,
  );
  const budget = createCheckBudget(deps.store, deps.dailyBudget, now);
  const lookups = createSharedLookups();
  const logger = deps.logger;
  const spool =
    deps.auditSpoolPath === undefined
      ? undefined
      : createAuditSpool({ path: deps.auditSpoolPath, trail, logger });
  if (spool) startSpoolReplay(spool, logger);
  const actionDeps: ActionDeps = {
    backend: deps.backend,
    trail,
    inbound,
    blocklist,
    isModerator: deps.isModerator,
    publishAudit: deps.publishAudit ?? (async () => {}),
    businessCountry: deps.businessCountry,
    directory: deps.directory,
    logger,
    now,
    spool,
  };
  const authorise = (actor: Parameters<IsModerator>[0]) => assertModerator(deps.isModerator, actor);

  return {
    access: authorise,
    async check(actor, request) {
      await authorise(actor);
      if (!deps.backend.capabilities.upstreamCheck) {
        return localCheck({ ...deps, directory: deps.directory, trail, inbound: deps.inbound, now }, request);
      }
      return checkContacts(
        {
          backend: deps.backend,
          cache,
          budget,
          businessCountry: deps.businessCountry,
          metrics: deps.metrics ?? noMetrics,
          logger,
          now,
          lookups,
        },
        request,
      );
    },
    block: (actor, input, reason) => runAction(actionDeps, actor, blockSpec(deps.backend, input, reason)),
    unblock: (actor, input) => runAction(actionDeps, actor, unblockSpec(deps.backend, input)),
    report: (actor, input, request) => runAction(actionDeps, actor, reportSpec(deps.backend, input, request)),
    async blocklist(actor, page) {
      await authorise(actor);
      return blocklist.view(page);
    },
    async history(actor, input) {
      await authorise(actor);
      return contactHistory(
        { trail, inbound, cache, businessCountry: deps.businessCountry, directory: deps.directory },
        input,
      );
    },
  };
}
