import { readFileSync } from "node:fs";
import { type Interceptable, MockAgent } from "undici";
import type { WhatsAppBackend } from "../../../src/whatsapp/backend.js";
import { type CloudClientOptions, createCloudClient } from "../../../src/whatsapp/cloud/index.js";
import { type CapturedLogger, captureLogger } from "../../support/capture-logger.js";

/** A scripted Graph on undici's MockAgent, with no network, and a Cloud client pointed at it. */

export const GRAPH_ORIGIN = "https://graph.facebook.com";
export const GRAPH_URL = `${GRAPH_ORIGIN}/v25.0`;
export const PHONE_NUMBER_ID = "106540352242922";
export const USERS_PATH = `/v25.0/${PHONE_NUMBER_ID}/block_users`;
/** Shaped like a system-user token, so a leak would be visible in any message or log line. */
export const TOKEN = "EAAGm0PX4ZCpsBAKq7Zx9TestTokenDoNotLeak42";

/** A fixture's exact bytes (test/fixtures/cloud/README.md says where each came from). */
export function fixtureText(name: string): string {
  return readFileSync(new URL(`../../fixtures/cloud/${name}`, import.meta.url), "utf8");
}

// biome-ignore lint/suspicious/noExplicitAny: fixtures are read to be served or altered, not typed.
export function fixture(name: string): any {
  return JSON.parse(fixtureText(name));
}

/** A Graph error with the shape of the spec's 429 examples (no captured 130429/190/100 body exists). */
export function graphError(code: number, message: string, extra: Record<string, unknown> = {}) {
  const { error } = fixture("openapi-v23-graph-429-rate-limit-examples.json").rate_limit_exceeded;
  const { error_subcode: _subcode, is_transient: _transient, ...shape } = error;
  return { error: { ...shape, code, message, ...extra } };
}

/**
 * Meta's mixed block answer with the failed user's error replaced: the shape is Meta's, only the code and
 * message are ours (no example of a per-user 139103 or 130429 exists).
 */
export function mixedWithUserError(code: number, message: string) {
  const answer = fixture("meta-docs-block-response-mixed-139100.json");
  answer.block_users.failed_users[0].errors[0] = {
    ...answer.block_users.failed_users[0].errors[0],
    code,
    message,
  };
  return answer;
}

export function networkError(code: string): Error {
  return Object.assign(new Error(`simulated ${code}`), { code });
}

export const JSON_HEADERS = { headers: { "content-type": "application/json" } };

export interface SentRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
}

export interface Harness {
  server: Interceptable;
  client: WhatsAppBackend;
  logger: CapturedLogger;
  /** The waits asked of the injected sleep, in ms. */
  waits: number[];
  requests(): SentRequest[];
}

const open: Array<{ client: WhatsAppBackend; agent: MockAgent }> = [];

/** Retries wait nothing (random 0, instant sleep) unless a test passes its own; Retry-After still shows in `waits`. */
export function harness(overrides: Partial<CloudClientOptions> = {}): Harness {
  const agent = new MockAgent({ enableCallHistory: true });
  agent.disableNetConnect();
  const logger = captureLogger();
  const waits: number[] = [];
  const client = createCloudClient({
    graphUrl: GRAPH_URL,
    phoneNumberId: PHONE_NUMBER_ID,
    token: TOKEN,
    dispatcher: agent,
    timeoutMs: 500,
    logger,
    budgetMs: 2_000,
    random: () => 0,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...overrides,
  });
  open.push({ client, agent });
  return {
    server: agent.get(GRAPH_ORIGIN),
    client,
    logger,
    waits,
    requests: () =>
      (agent.getCallHistory()?.calls() ?? []).map((call) => ({
        method: call.method,
        path: call.path,
        query: call.searchParams,
        headers: (call.headers ?? {}) as Record<string, string>,
        body: typeof call.body === "string" ? JSON.parse(call.body) : undefined,
      })),
  };
}

/** For afterEach: closes every client and mock a test made. */
export async function closeHarnesses(): Promise<void> {
  await Promise.all(
    open.splice(0).map(async ({ client, agent }) => {
      await client.close();
      await agent.close();
    }),
  );
}
