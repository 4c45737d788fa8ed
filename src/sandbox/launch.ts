import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { AppLogger } from "../log/logger.js";
import type { SandboxContext } from "./context.js";
import type { ApiDialect } from "./dialect.js";
import { SandboxInputError } from "./errors.js";
import { createFaultQueue, type FaultQueue } from "./faults.js";
import { createMessageIdGenerator } from "./message-id.js";
import { createTokenBucket, DEFAULT_RATE_LIMIT } from "./rate-limit.js";
import { createRequestListener } from "./router.js";
import { loadSeed } from "./seed.js";
import { createState } from "./state.js";
import { type StateSync, shareState, UNSHARED } from "./state-file.js";
import type { SandboxCommonOptions, SandboxHandleBase, SandboxShape, SandboxState } from "./types.js";

const HOST = "127.0.0.1";

/** What a shape builds its API and its inbound messages on. */
export interface SandboxCore {
  state: SandboxState;
  faults: FaultQueue;
  now: () => number;
  newMessageId: () => string;
  logger: AppLogger | undefined;
  /** How requests read and change the state: through the data folder's file when there is one. */
  sync: StateSync;
}

/** Checks the options both shapes take, loads the seed and builds the state the shape's API will serve. */
export async function prepareSandbox(
  options: SandboxCommonOptions,
  shape: SandboxShape,
  apiVersion: string,
): Promise<SandboxCore> {
  const limit = options.rateLimit;
  if (limit && !(limit.perSecond > 0 && limit.burst >= 1)) {
    throw new SandboxInputError("rateLimit needs perSecond > 0 and burst >= 1");
  }
  const now = options.now ?? Date.now;
  const seed = await loadSeed(options.seed);
  const newMessageId = createMessageIdGenerator(shape);
  const state = createState(seed, { shape, now: now(), apiVersion, newMessageId });
  const sync =
    options.dataFolder === undefined
      ? UNSHARED
      : shareState(options.dataFolder, state, shape, options.logger);
  return { state, faults: createFaultQueue(), now, newMessageId, logger: options.logger, sync };
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

/** Adds a shape's members to the shared handle, keeping getters (a spread would read them once). */
export function extendHandle<H extends SandboxHandleBase>(
  base: SandboxHandleBase,
  extra: Omit<H, keyof SandboxHandleBase>,
): H {
  return Object.defineProperties(base, Object.getOwnPropertyDescriptors(extra)) as H;
}

/** Serves `dialect` on 127.0.0.1 and resolves once it accepts connections. */
export async function serveSandbox(
  core: SandboxCore,
  dialect: ApiDialect,
  options: SandboxCommonOptions & { processingRounds?: number; label: string },
): Promise<SandboxHandleBase> {
  const ctx: SandboxContext = {
    state: core.state,
    faults: core.faults,
    takeRateToken:
      options.rateLimit === false
        ? undefined
        : createTokenBucket(options.rateLimit ?? DEFAULT_RATE_LIMIT, core.now),
    processingRounds: options.processingRounds ?? 1,
    now: core.now,
    logger: core.logger,
    sync: core.sync,
  };
  const server = createServer(createRequestListener(ctx, dialect));
  const address = await listen(server, options.port ?? 0);
  const url = `http://${HOST}:${address.port}`;
  core.logger?.info(`${options.label} listening on ${url}`);
  // Closing twice (a test's cleanup after an explicit close, a second signal) is harmless.
  let closing: Promise<void> | undefined;
  return {
    url,
    // Read through the data folder: what another process (the CLI, the bot) did since is seen here too.
    get state() {
      core.sync.refresh();
      return core.state;
    },
    faults: { next: (fault, times) => core.faults.next(fault, times), clear: () => core.faults.clear() },
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
