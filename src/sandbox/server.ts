import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { assertApiVersion, changeApiVersion, DEFAULT_API_VERSION } from "./api-version.js";
import {
  createAuth,
  DEFAULT_TOKEN_TTL_MS,
  SANDBOX_DEFAULT_PASSWORD,
  SANDBOX_DEFAULT_USERNAME,
} from "./auth.js";
import type { SandboxContext } from "./context.js";
import { SandboxInputError } from "./errors.js";
import { createFaultQueue } from "./faults.js";
import { assertWebhook, createInbound } from "./inbound.js";
import { createMessageIdGenerator } from "./message-id.js";
import { createTokenBucket, DEFAULT_RATE_LIMIT } from "./rate-limit.js";
import { createRequestListener } from "./router.js";
import { loadSeed } from "./seed.js";
import { createState } from "./state.js";
import type { SandboxHandle, SandboxOptions } from "./types.js";

const HOST = "127.0.0.1";

function assertOptions(options: SandboxOptions): void {
  const rounds = options.processingRounds;
  if (rounds !== undefined && !(Number.isInteger(rounds) && rounds >= 0)) {
    throw new SandboxInputError(`processingRounds must be a whole number of 0 or more; got ${rounds}`);
  }
  const limit = options.rateLimit;
  if (limit && !(limit.perSecond > 0 && limit.burst >= 1)) {
    throw new SandboxInputError("rateLimit needs perSecond > 0 and burst >= 1");
  }
  if (options.tokenTtlMs !== undefined && !(options.tokenTtlMs > 0)) {
    throw new SandboxInputError("tokenTtlMs must be positive");
  }
  assertApiVersion(options.apiVersion ?? DEFAULT_API_VERSION);
  assertWebhook(options.webhook);
}

function listen(server: Server, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, HOST, () => {
      server.off("error", reject);
      const address = server.address();
      if (address === null || typeof address === "string") reject(new SandboxInputError("no TCP address"));
      else resolve(address);
    });
  });
}

/** Starts the On-Premises emulator on 127.0.0.1 and resolves once it accepts connections. */
export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  assertOptions(options);
  const now = options.now ?? Date.now;
  const seed = await loadSeed(options.seed);
  const newMessageId = createMessageIdGenerator();
  let webhook = options.webhook;
  const state = createState(seed, {
    now: now(),
    apiVersion: options.apiVersion ?? DEFAULT_API_VERSION,
    newMessageId,
  });
  const auth = createAuth({
    username: options.credentials?.username ?? SANDBOX_DEFAULT_USERNAME,
    password: options.credentials?.password ?? SANDBOX_DEFAULT_PASSWORD,
    requirePasswordChange: options.requirePasswordChange ?? false,
    tokenTtlMs: options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS,
    now,
  });
  const faults = createFaultQueue();
  const simulateInbound = createInbound({
    state,
    now,
    newMessageId,
    webhook: () => webhook,
    logger: options.logger,
  });
  const ctx: SandboxContext = {
    state,
    auth,
    faults,
    takeRateToken:
      options.rateLimit === false
        ? undefined
        : createTokenBucket(options.rateLimit ?? DEFAULT_RATE_LIMIT, now),
    simulateInbound,
    processingRounds: options.processingRounds ?? 1,
    now,
    logger: options.logger,
  };

  const server = createServer(createRequestListener(ctx));
  const address = await listen(server, options.port ?? 0);
  const url = `http://${HOST}:${address.port}`;
  options.logger?.info(`WhatsApp sandbox listening on ${url}`);
  // Closing twice (a test's cleanup after an explicit close, a second signal) is harmless.
  let closing: Promise<void> | undefined;

  return {
    url,
    username: auth.username,
    get password() {
      return auth.password;
    },
    state,
    setApiVersion: (version) => changeApiVersion(state, version),
    faults: { next: (fault, times) => faults.next(fault, times), clear: () => faults.clear() },
    expireTokens: () => auth.expireAll(),
    setWebhook: (next) => {
      assertWebhook(next);
      webhook = next;
    },
    simulateInbound,
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        // Hanging requests and idle keep-alive sockets would otherwise hold close() open.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
      return closing;
    },
  };
}
