import { assertApiVersion, changeApiVersion, DEFAULT_API_VERSION } from "./api-version.js";
import {
  createAuth,
  DEFAULT_TOKEN_TTL_MS,
  SANDBOX_DEFAULT_PASSWORD,
  SANDBOX_DEFAULT_USERNAME,
} from "./auth.js";
import { SandboxInputError } from "./errors.js";
import { assertWebhook, createInbound } from "./inbound.js";
import { extendHandle, prepareSandbox, serveSandbox } from "./launch.js";
import { createOnPremDialect } from "./onprem-dialect.js";
import { onPremInboundShape } from "./onprem-inbound.js";
import type { SandboxHandle, SandboxOptions } from "./types.js";

function assertOnPremOptions(options: SandboxOptions): void {
  const rounds = options.processingRounds;
  if (rounds !== undefined && !(Number.isInteger(rounds) && rounds >= 0)) {
    throw new SandboxInputError(`processingRounds must be a whole number of 0 or more; got ${rounds}`);
  }
  if (options.tokenTtlMs !== undefined && !(options.tokenTtlMs > 0)) {
    throw new SandboxInputError("tokenTtlMs must be positive");
  }
  assertApiVersion(options.apiVersion ?? DEFAULT_API_VERSION);
  assertWebhook(options.webhook);
}

/** The On-Premises shape: the `/v1` API with login, and inbound messages with X-Webhook-Secret. */
export async function startOnPremSandbox(options: SandboxOptions): Promise<SandboxHandle> {
  assertOnPremOptions(options);
  const core = await prepareSandbox(options, "onprem", options.apiVersion ?? DEFAULT_API_VERSION);
  let webhook = options.webhook;
  const auth = createAuth({
    username: options.credentials?.username ?? SANDBOX_DEFAULT_USERNAME,
    password: options.credentials?.password ?? SANDBOX_DEFAULT_PASSWORD,
    requirePasswordChange: options.requirePasswordChange ?? false,
    tokenTtlMs: options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS,
    now: core.now,
  });
  const simulateInbound = createInbound(
    core,
    onPremInboundShape(core.state, () => webhook),
  );
  const dialect = createOnPremDialect({ state: core.state, auth, simulateInbound });
  const base = await serveSandbox(core, dialect, { ...options, label: "WhatsApp sandbox" });
  return extendHandle<SandboxHandle>(base, {
    shape: "onprem",
    username: auth.username,
    get password() {
      return auth.password;
    },
    setApiVersion: (version) => changeApiVersion(core.state, version),
    expireTokens: () => auth.expireAll(),
    setWebhook: (next) => {
      assertWebhook(next);
      webhook = next;
    },
    simulateInbound,
  });
}
