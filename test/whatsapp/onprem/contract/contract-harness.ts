import { onTestFinished } from "vitest";
import {
  type SandboxCall,
  type SandboxHandle,
  type SandboxOptions,
  startSandbox,
} from "../../../../src/sandbox/index.js";
import type { WhatsAppBackend } from "../../../../src/whatsapp/backend.js";
import {
  createDispatcher,
  createOnPremClient,
  FAST_POLL_POLICY,
  FAST_RETRY_POLICY,
  type OnPremClientOptions,
} from "../../../../src/whatsapp/onprem/index.js";
import { captureLogger } from "../../../support/capture-logger.js";

export { DAY, MINUTE, manualClock } from "../../../sandbox/sandbox-harness.js";

/**
 * The real On-Premises client against the real sandbox over loopback HTTP, through a real keep-alive Agent: what
 * one side sends, the other must understand. Everything is closed when the test ends.
 */

export const LOGIN = "/v1/users/login";
export const CONTACTS = "/v1/contacts";
export const HEALTH = "/v1/health";

/** The path the client sends for an action on an E.164 number ("/v1/contacts/%2B16315551001/block"). */
export function actionPath(e164: string, action: "block" | "unblock" | "report"): string {
  return `/v1/contacts/${encodeURIComponent(e164)}/${action}`;
}

export type ClientOverrides = Partial<Omit<OnPremClientOptions, "baseUrl" | "dispatcher" | "logger">>;

export interface Contract {
  sandbox: SandboxHandle;
  client: WhatsAppBackend;
  logger: ReturnType<typeof captureLogger>;
  /** The API calls that reached the sandbox (login included), optionally only those to exactly `path`. */
  calls(path?: string): SandboxCall[];
  /** The HTTP statuses the sandbox answered to `path`, in order. */
  statuses(path: string): Array<number | undefined>;
}

/**
 * Starts a sandbox and a client logging in with the sandbox's credentials. Fast retry and poll policies, a 1 s
 * attempt timeout and a 3 s deadline keep outage tests quick; the client's own limiter is off unless given.
 * When the sandbox gets a clock (`now`), the client shares it, so token expiry is judged on one time line.
 */
export async function startContract(
  options: { sandbox?: SandboxOptions; client?: ClientOverrides } = {},
): Promise<Contract> {
  const sandbox = await startSandbox(options.sandbox);
  const dispatcher = createDispatcher();
  const logger = captureLogger();
  const clock = options.sandbox?.now;
  const client = createOnPremClient({
    baseUrl: sandbox.url,
    name: "sandbox",
    dispatcher,
    auth: { username: sandbox.username, password: sandbox.password },
    timeoutMs: 1_000,
    deadlineMs: 3_000,
    retry: FAST_RETRY_POLICY,
    poll: FAST_POLL_POLICY,
    rateLimit: false,
    logger,
    ...(clock === undefined ? {} : { now: clock }),
    ...options.client,
  });
  onTestFinished(async () => {
    await client.close();
    // The sandbox first: it drops hanging requests, which the Agent would otherwise wait for.
    await sandbox.close();
    await dispatcher.close();
  });
  const calls = (path?: string) =>
    sandbox.state.calls.filter((call) => path === undefined || call.path === path);
  return { sandbox, client, logger, calls, statuses: (path) => calls(path).map((call) => call.status) };
}

/** What a promise rejected with, for asserting several properties of one error. */
export async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a failure, but the call succeeded");
    },
    (error: unknown) => error,
  );
}
