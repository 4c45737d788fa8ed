import type { Dispatcher } from "undici";
import type { z } from "zod";
import type { AppLogger } from "../../log/logger.js";
import type { BackendCapabilities, ContactRef, WhatsAppBackend } from "../backend.js";
import { WhatsAppConnectionError, WhatsAppUnsupportedError } from "../errors.js";
import { raceCancellation, sleep } from "../http/cancellation.js";
import { DEFAULT_DEADLINE_MS, type Operation, Operations } from "../http/deadline.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "../http/retry-timing.js";
import {
  endpointFor,
  exchange,
  type HttpRequest,
  type HttpResponse,
  type ServerProfile,
} from "../http/transport.js";
import { blocklistAnswerSchema, blockUsersAnswerSchema } from "./answers.js";
import { type Attempted, withRetries } from "./attempts.js";
import { type BlockAction, blockUsersBody, confirmBlockUsers, inputOf } from "./block-users.js";
import { blocklistPath, cursorRequest, toBlocklistPage } from "./blocklist.js";
import { readGraphAnswer } from "./read-answer.js";
import { USER_AGENT } from "./user-agent.js";

export interface CloudClientOptions {
  /** WA_GRAPH_URL: the Graph base with its version, "https://graph.facebook.com/v25.0". */
  graphUrl: string;
  /** WA_PHONE_NUMBER_ID: the business number's Graph id. */
  phoneNumberId: string;
  /** WA_TOKEN: a system-user token. Sent only in the Authorization header; never logged or put in an error. */
  token: string;
  /** Owned by the caller, who closes it (a keep-alive Agent in production, a MockAgent in tests). */
  dispatcher: Dispatcher;
  /** WA_TIMEOUT_MS: the most one attempt may take. */
  timeoutMs: number;
  logger: AppLogger;
  name?: "cloud" | "sandbox-cloud" | undefined;
  /** The most one call may take, retries included; default 13 s. */
  budgetMs?: number | undefined;
  retry?: RetryPolicy | undefined;
  /** In [0, 1): the jitter of retry waits. */
  random?: (() => number) | undefined;
  /** Waits between attempts; the client still stops waiting when the budget ends or it closes. */
  sleep?: ((ms: number) => Promise<void>) | undefined;
}

/**
 * Graph, as failures name it: a TLS hint points at WA_GRAPH_URL, and at no CA file, which only an On-Premises node
 * reads (docs/CONTRACT.md §2). Retry-After counts in delta-seconds or as an HTTP date.
 */
const GRAPH_SERVER: ServerProfile = { name: "Graph", urlVariable: "WA_GRAPH_URL", retryAfterDates: true };

/** A Graph call: every header is the client's fixed set. */
type GraphRequest = Omit<HttpRequest, "headers">;

const CAPABILITIES: BackendCapabilities = {
  upstreamCheck: false,
  upstreamReport: false,
  blocklistPaging: "cursor",
};

/** The WhatsApp Cloud API (Graph `/{PHONE_NUMBER_ID}/block_users`), also used for the Cloud-shaped sandbox. */
export function createCloudClient(options: CloudClientOptions): WhatsAppBackend {
  const name = options.name ?? "cloud";
  const logger = options.logger.child(name);
  const { token, timeoutMs } = options;
  const operations = new Operations(options.budgetMs ?? DEFAULT_DEADLINE_MS);
  const endpoint = endpointFor(options.graphUrl, options.dispatcher, GRAPH_SERVER);
  const usersPath = `/${encodeURIComponent(options.phoneNumberId)}/block_users`;
  // Built once and never logged. Meta's spec asks for a JSON Content-Type even on GET (docs/CONTRACT.md §1.2).
  const headers = Object.freeze({
    authorization: `Bearer ${token}`,
    "content-type": "application/json",
    accept: "application/json",
    "user-agent": USER_AGENT,
  });
  const injectedSleep = options.sleep;
  const attemptOptions = {
    retry: options.retry ?? DEFAULT_RETRY_POLICY,
    random: options.random ?? Math.random,
    pause: (ms: number, operation: Operation) =>
      injectedSleep === undefined ? sleep(ms, operation) : raceCancellation(injectedSleep(ms), operation),
    logger,
  };

  /** One call, retried inside the budget; the answer parsed by `schema` (and checked by `check`). */
  const call = <T>(
    request: GraphRequest,
    schema: z.ZodType<T>,
    dataKey: string,
    check: (answer: T, response: HttpResponse) => void,
  ): Promise<Attempted<T>> => {
    const sent: HttpRequest = { ...request, headers };
    return operations.run((operation) =>
      withRetries(
        { method: request.method, path: request.path },
        async (attempt) => {
          const response = await exchange(endpoint, sent, timeoutMs, attempt);
          const answer = readGraphAnswer(response, schema, dataKey, token);
          check(answer, response);
          return answer;
        },
        operation,
        attemptOptions,
      ),
    );
  };

  const act = async (action: BlockAction, contact: ContactRef) => {
    const body = blockUsersBody(contact);
    const input = inputOf(contact);
    const { resent } = await call(
      { method: action === "block" ? "POST" : "DELETE", path: usersPath, body },
      blockUsersAnswerSchema,
      "block_users",
      (answer, response) => confirmBlockUsers(action, input, answer, response, token),
    );
    return { resent };
  };

  const noCheck = () => {};

  return {
    name,
    capabilities: CAPABILITIES,
    apiVersion: () => undefined,

    checkContacts: async () => {
      throw new WhatsAppUnsupportedError("the WhatsApp Cloud API has no contact-check endpoint");
    },

    // Cloud takes no reason: the core keeps it in the audit trail.
    block: (contact) => act("block", contact),
    unblock: (contact) => act("unblock", contact),

    report: async () => {
      throw new WhatsAppUnsupportedError("the WhatsApp Cloud API offers businesses no report endpoint");
    },

    blocklistPage: async (request) => {
      const page = cursorRequest(request);
      const { value } = await call(
        { method: "GET", path: blocklistPath(usersPath, page) },
        blocklistAnswerSchema,
        "data",
        noCheck,
      );
      return toBlocklistPage(page, value);
    },

    // The cheapest call that proves both the token and the number: one blocklist row.
    ping: async () => {
      const path = blocklistPath(usersPath, { kind: "cursor", limit: 1 });
      await call({ method: "GET", path }, blocklistAnswerSchema, "data", noCheck);
    },

    close: async () => {
      // The dispatcher belongs to the caller; this only ends pending waits, budgets and later calls.
      operations.close(new WhatsAppConnectionError(`the ${name} WhatsApp client is closed`));
    },
  };
}
