import { createModerationService, type ModerationDeps } from "../../src/moderation/index.js";
import type { Actor, ModerationService } from "../../src/moderation/types.js";
import { createInboundLog, type InboundLog } from "../../src/relay/inbound-log.js";
import {
  type SandboxHandle,
  type SandboxOptions,
  type SandboxSeed,
  startSandbox,
} from "../../src/sandbox/index.js";
import { createStore } from "../../src/store/index.js";
import type { AppStore } from "../../src/store/types.js";
import type { WhatsAppBackend } from "../../src/whatsapp/backend.js";
import {
  createDispatcher,
  createOnPremClient,
  FAST_POLL_POLICY,
  FAST_RETRY_POLICY,
} from "../../src/whatsapp/onprem/index.js";
import { captureLogger } from "./capture-logger.js";

export const MODERATOR: Actor = { userId: "UMOD0001" };
export const STRANGER: Actor = { userId: "USTRANGER1" };

/** A small world: three WhatsApp users, two of whom wrote in the last 24 hours, two numbers already blocked. */
export const CORE_SEED: SandboxSeed = {
  businessNumber: "+16315550100",
  users: [
    { wa_id: "16315551001", name: "Engaged One" },
    { wa_id: "16315551002", name: "Engaged Two" },
    { wa_id: "16315551003", name: "Silent Three" },
    { wa_id: "16315551090" },
    { wa_id: "16315551091" },
  ],
  engaged: [{ wa_id: "16315551001" }, { wa_id: "16315551002" }],
  blocklist: ["16315551090", "16315551091"],
};

export interface CoreHarness {
  sandbox: SandboxHandle;
  store: AppStore;
  /** The On-Premises client the service talks to the sandbox through. */
  backend: WhatsAppBackend;
  service: ModerationService;
  /** The relay's inbound log on the same store: what the core reads to explain the 24-hour rule. */
  inbound: InboundLog;
  logger: ReturnType<typeof captureLogger>;
  /** Another service on the same store and sandbox: a second replica. */
  replica(overrides?: Partial<ModerationDeps>): ModerationService;
  close(): Promise<void>;
}

export async function startCoreHarness(options: {
  storeUrl: string;
  prefix: string;
  sandbox?: SandboxOptions;
  deps?: Partial<ModerationDeps>;
  wrapStore?: (store: AppStore) => AppStore;
}): Promise<CoreHarness> {
  const logger = captureLogger();
  const sandbox = await startSandbox({
    seed: CORE_SEED,
    rateLimit: false,
    processingRounds: 0,
    ...options.sandbox,
  });
  const dispatcher = createDispatcher({});
  const client = createOnPremClient({
    baseUrl: sandbox.url,
    name: "sandbox",
    dispatcher,
    auth: { username: sandbox.username, password: sandbox.password },
    timeoutMs: 2000,
    retry: FAST_RETRY_POLICY,
    poll: FAST_POLL_POLICY,
    rateLimit: false,
    logger,
  });
  const store = await createStore(options.storeUrl, {
    prefix: options.prefix,
    purgeIntervalMs: false,
    logger,
  });
  const usedStore = options.wrapStore ? options.wrapStore(store) : store;
  const inbound = createInboundLog(usedStore);
  const build = (overrides: Partial<ModerationDeps> = {}) =>
    createModerationService({
      backend: client,
      store: usedStore,
      inbound,
      businessCountry: "US",
      isModerator: async (actor) => actor.userId === MODERATOR.userId,
      dailyBudget: 200,
      blocklistPageSize: 10,
      logger,
      ...options.deps,
      ...overrides,
    });
  return {
    sandbox,
    store,
    backend: client,
    service: build(),
    inbound,
    logger,
    replica: build,
    async close() {
      await client.close();
      await dispatcher.close();
      await sandbox.close();
      await store.close();
    },
  };
}

/** The API calls the sandbox received whose path starts with `prefix` (login excluded). */
export function callsTo(sandbox: SandboxHandle, method: string, prefix: string): number {
  return sandbox.state.calls.filter((call) => call.method === method && call.path.startsWith(prefix)).length;
}
