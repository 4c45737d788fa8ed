import { closeOnFailure } from "../common/close-on-failure.js";
import type { Config } from "../config/types.js";
import type { AppLogger } from "../log/logger.js";
import { type AnySandboxHandle, startSandbox } from "../sandbox/index.js";
import type { WhatsAppBackend } from "./backend.js";
import { createCloudClient } from "./cloud/index.js";
import { createDispatcher, createOnPremClient } from "./onprem/index.js";
import { type ClaimKey, sharedContactsLimiter } from "./onprem/shared-rate-limiter.js";

export interface WhatsAppConnection {
  backend: WhatsAppBackend;
  /** Set when WA_BACKEND is sandbox or sandbox-cloud: the in-process emulator. */
  sandbox?: AnySandboxHandle;
  close(): Promise<void>;
}

type WhatsAppConfig = Config["whatsapp"];

export interface ConnectOptions {
  /** The store's claim, which makes the On-Premises rate limit one for every replica (docs/CONTRACT.md §8). */
  claim?: ClaimKey | undefined;
  /** Where the sandbox keeps its state, so the bot, the CLI and a restart see one sandbox (docs/CONTRACT.md §9). */
  dataFolder?: string | undefined;
}

/** The configured WhatsApp backend (docs/CONTRACT.md §1): a real On-Premises node or Cloud API, or the sandbox. */
export async function connectWhatsApp(
  config: WhatsAppConfig,
  logger: AppLogger,
  options: ConnectOptions = {},
): Promise<WhatsAppConnection> {
  const isSandbox = config.backend === "sandbox" || config.backend === "sandbox-cloud";
  return isSandbox
    ? connectSandbox(config, logger, options)
    : withDispatcher(config, logger, undefined, options);
}

async function connectSandbox(
  config: WhatsAppConfig,
  logger: AppLogger,
  options: ConnectOptions,
): Promise<WhatsAppConnection> {
  const shared = options.dataFolder === undefined ? {} : { dataFolder: options.dataFolder };
  const sandboxLogger = logger.child("sandbox");
  const sandbox =
    config.backend === "sandbox-cloud"
      ? await startSandbox({ shape: "cloud", logger: sandboxLogger, ...shared })
      : await startSandbox({ logger: sandboxLogger, ...shared });
  logger.warn(
    `USING THE BUILT-IN WHATSAPP SANDBOX (${sandbox.shape === "cloud" ? "Cloud API" : "On-Premises"} shape) at ` +
      `${sandbox.url}: no real WhatsApp is reached. Set WA_BACKEND=cloud (with WA_PHONE_NUMBER_ID and WA_TOKEN) ` +
      "to moderate a real business number.",
  );
  return closeOnFailure(
    () => sandbox.close(),
    () => withDispatcher(config, logger, sandbox, options),
  );
}

async function withDispatcher(
  config: WhatsAppConfig,
  logger: AppLogger,
  sandbox: AnySandboxHandle | undefined,
  options: ConnectOptions,
): Promise<WhatsAppConnection> {
  const dispatcher = createDispatcher(config.caFile && !sandbox ? { caFile: config.caFile } : {});
  const backend = clientFor(config, logger, dispatcher, sandbox, options);
  return {
    backend,
    ...(sandbox ? { sandbox } : {}),
    async close() {
      await backend.close();
      await dispatcher.close();
      await sandbox?.close();
    },
  };
}

function clientFor(
  config: WhatsAppConfig,
  logger: AppLogger,
  dispatcher: ReturnType<typeof createDispatcher>,
  sandbox: AnySandboxHandle | undefined,
  options: ConnectOptions,
): WhatsAppBackend {
  const common = { dispatcher, timeoutMs: config.timeoutMs, logger: logger.child("whatsapp") };
  if (sandbox?.shape === "cloud" || config.backend === "cloud") {
    return createCloudClient({
      ...common,
      name: sandbox ? "sandbox-cloud" : "cloud",
      graphUrl: sandbox?.shape === "cloud" ? sandbox.graphUrl : config.graphUrl,
      phoneNumberId: sandbox?.shape === "cloud" ? sandbox.phoneNumberId : (config.phoneNumberId ?? ""),
      token: sandbox?.shape === "cloud" ? sandbox.token : (config.token ?? ""),
    });
  }
  return createOnPremClient({
    ...common,
    baseUrl: sandbox?.url ?? config.apiUrl ?? "",
    name: sandbox ? "sandbox" : "onprem",
    limiter: options.claim && sharedContactsLimiter(options.claim, common.logger),
    auth: sandbox
      ? { username: sandbox.username, password: sandbox.password }
      : config.token
        ? { token: config.token }
        : { username: config.username ?? "", password: config.password ?? "" },
  });
}
