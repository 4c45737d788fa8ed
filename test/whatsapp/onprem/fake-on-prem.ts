import { type Interceptable, MockAgent } from "undici";
import type { WhatsAppBackend } from "../../../src/whatsapp/backend.js";
import {
  createOnPremClient,
  FAST_POLL_POLICY,
  FAST_RETRY_POLICY,
  type OnPremClientOptions,
} from "../../../src/whatsapp/onprem/index.js";
import { captureLogger } from "../../support/capture-logger.js";

/** A scripted On-Premises node on undici's MockAgent, with no network, and a client pointed at it. */

export const ORIGIN = "https://wa.example.test:9090";
export const USERNAME = "moderation-bot";
export const PASSWORD = "Pa55-word-9f2c-secret";
export const TOKEN = "tok-static-7d41e0a9";
export const BLOCK_PATH = "/v1/contacts/%2B16315551000/block";
export const REPORT_PATH = "/v1/contacts/%2B16315551000/report";

export function ok(fields: Record<string, unknown> = {}, version = "v2.41.2"): Record<string, unknown> {
  return { meta: { api_status: "stable", version }, ...fields };
}

export function failure(code: number, title: string, details?: string): Record<string, unknown> {
  return { errors: [{ code, title, ...(details === undefined ? {} : { details }) }] };
}

/** `expires_after` as the server writes it: "2018-03-01 15:29:26+00:00". */
export function loginAnswer(token: string, expiresAt: number): Record<string, unknown> {
  const expiresAfter = new Date(expiresAt)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, "+00:00");
  return { users: [{ token, expires_after: expiresAfter }] };
}

export function networkError(code: string): Error {
  return Object.assign(new Error(`simulated ${code}`), { code });
}

export interface Harness {
  server: Interceptable;
  client: WhatsAppBackend;
  logger: ReturnType<typeof captureLogger>;
  /** Requests the client sent to `path` (all paths when absent), in order. */
  requests(path?: string): Array<{
    method: string;
    path: string;
    query: Record<string, string>;
    body: unknown;
    authorization: string;
  }>;
  close(): Promise<void>;
}

const open: Harness[] = [];

export function harness(overrides: Partial<OnPremClientOptions> = {}): Harness {
  const agent = new MockAgent({ enableCallHistory: true });
  agent.disableNetConnect();
  const logger = captureLogger();
  const client = createOnPremClient({
    baseUrl: ORIGIN,
    dispatcher: agent,
    auth: { token: TOKEN },
    timeoutMs: 500,
    retry: FAST_RETRY_POLICY,
    logger,
    rateLimit: false,
    deadlineMs: 2_000,
    poll: FAST_POLL_POLICY,
    ...overrides,
  });
  const made: Harness = {
    server: agent.get(ORIGIN),
    client,
    logger,
    requests: (path) =>
      (agent.getCallHistory()?.calls() ?? [])
        .filter((call) => path === undefined || call.path === path)
        .map((call) => {
          const headers = (call.headers ?? {}) as Record<string, string>;
          return {
            method: call.method,
            path: call.path,
            query: call.searchParams,
            body: typeof call.body === "string" ? JSON.parse(call.body) : undefined,
            authorization: headers.authorization ?? "",
          };
        }),
    close: async () => {
      await client.close();
      await agent.close();
    },
  };
  open.push(made);
  return made;
}

/** For afterEach: closes every harness a test made. */
export async function closeHarnesses(): Promise<void> {
  await Promise.all(open.splice(0).map((made) => made.close()));
}
