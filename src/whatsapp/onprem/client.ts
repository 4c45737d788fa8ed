import type { Dispatcher } from "undici";
import type { AppLogger } from "../../log/logger.js";
import type { ActionReceipt, BackendCapabilities, ContactRef, WhatsAppBackend } from "../backend.js";
import {
  WhatsAppAuthError,
  WhatsAppBadResponseError,
  WhatsAppConnectionError,
  WhatsAppUnsupportedError,
} from "../errors.js";
import { DEFAULT_DEADLINE_MS, type Operation, Operations } from "../http/deadline.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "../http/retry-timing.js";
import { endpointFor, type ServerProfile } from "../http/transport.js";
import {
  basicAuthorization,
  createSessionTokenSource,
  createStaticTokenSource,
  type LoginAnswer,
  loginFailure,
  type OnPremAuth,
  parseExpiry,
  type TokenSource,
} from "./auth.js";
import { offsetRequest, toBlocklistPage } from "./blocklist.js";
import { type CheckDeps, checkContacts } from "./check-contacts.js";
import { blocklistSchema, contactsSchema, healthSchema, loginSchema, plainSchema } from "./envelope.js";
import { type CallSpec, createExecutor } from "./executor.js";
import { DEFAULT_POLL_POLICY, type PollPolicy } from "./poll-policy.js";
import {
  createRateLimiter,
  DEFAULT_RATE_LIMIT,
  type RateLimit,
  type RateLimiter,
  UNLIMITED,
} from "./rate-limiter.js";

export interface OnPremClientOptions {
  /** WA_API_URL, or the in-process sandbox's URL. */
  baseUrl: string;
  name?: "onprem" | "sandbox";
  /** Owned by the caller, who closes it (a keep-alive Agent in production, a MockAgent in tests). */
  dispatcher: Dispatcher;
  auth: OnPremAuth;
  /** WA_TIMEOUT_MS: the most one attempt may take. */
  timeoutMs: number;
  retry?: RetryPolicy;
  logger: AppLogger;
  /** Client-side token bucket; `false` sends as fast as callers ask. */
  rateLimit?: RateLimit | false;
  /** Paces the contacts calls instead of `rateLimit`: the limit shared by replicas (shared-rate-limiter.ts). */
  limiter?: RateLimiter | undefined;
  /** The most one operation may take, retries and re-login included. */
  deadlineMs?: number;
  /** Wall clock, for token expiry. */
  now?: () => number;
  poll?: PollPolicy;
}

/**
 * An On-Premises node, as failures name it: a TLS hint points at WA_API_URL and WA_CA_FILE (docs/CONTRACT.md §2).
 * Retry-After counts in delta-seconds only, as it always has here; an HTTP date is ignored.
 */
const ON_PREM_SERVER: ServerProfile = {
  name: "WhatsApp",
  urlVariable: "WA_API_URL",
  caFileVariable: "WA_CA_FILE",
  retryAfterDates: false,
};

const CAPABILITIES: BackendCapabilities = {
  upstreamCheck: true,
  upstreamReport: true,
  blocklistPaging: "offset",
};

/** The WhatsApp Business On-Premises API (`/v1/contacts`), also used for the in-process sandbox. */
// The executor replays an idempotent call without telling; a block sent twice blocks once.
const NOT_RESENT: ActionReceipt = { resent: false };

/** On-Premises contacts are phone numbers: a BSUID is a Cloud API name. */
function phoneOf(contact: ContactRef): string {
  if ("e164" in contact) return contact.e164;
  throw new WhatsAppUnsupportedError("the On-Premises API names contacts by phone number, not by BSUID");
}

export function createOnPremClient(options: OnPremClientOptions): WhatsAppBackend {
  const name = options.name ?? "onprem";
  const logger = options.logger.child(name);
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const operations = new Operations(deadlineMs);
  let version: string | undefined;

  const rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  const executor = createExecutor({
    endpoint: endpointFor(options.baseUrl, options.dispatcher, ON_PREM_SERVER),
    timeoutMs: options.timeoutMs,
    retry: options.retry ?? DEFAULT_RETRY_POLICY,
    limiter: options.limiter ?? (rateLimit === false ? UNLIMITED : createRateLimiter(rateLimit)),
    logger,
    onVersion: (seen) => {
      version = seen;
    },
  });

  const login = (username: string, password: string): Promise<LoginAnswer> =>
    // Its own operation: the login is shared by every caller waiting for it, whatever their deadlines.
    operations.run(async (operation) => {
      try {
        const answer = await executor.send(
          { method: "POST", path: "/v1/users/login", schema: loginSchema, idempotent: true },
          basicAuthorization(username, password),
          operation,
        );
        const user = answer.users[0];
        const expiresAt = user === undefined ? Number.NaN : parseExpiry(user.expires_after);
        if (user === undefined || Number.isNaN(expiresAt)) {
          throw new WhatsAppBadResponseError("WhatsApp's login answer has no usable token expiry", 200);
        }
        logger.debug("whatsapp login", { expiresAt: new Date(expiresAt).toISOString() });
        return { token: user.token, expiresAt };
      } catch (error) {
        throw loginFailure(error);
      }
    });

  const { auth } = options;
  const tokens: TokenSource =
    "token" in auth
      ? createStaticTokenSource(auth.token)
      : createSessionTokenSource(() => login(auth.username, auth.password), options.now ?? Date.now);

  /** Sends with a bearer token; a 401 gets one fresh login and one replay (the server did not act on it). */
  const call = async <T extends { meta?: { version: string } | undefined }>(
    spec: CallSpec<T>,
    operation: Operation,
  ): Promise<T> => {
    for (let replayed = false; ; replayed = true) {
      const held = tokens.token(operation);
      const token = typeof held === "string" ? held : await held;
      try {
        return await executor.send(spec, `Bearer ${token}`, operation);
      } catch (error) {
        if (!(error instanceof WhatsAppAuthError)) throw error;
        if (replayed || !tokens.refused(token)) {
          throw new WhatsAppAuthError(tokens.refusalHint, { cause: error });
        }
        logger.info("whatsapp refused the token; logging in again", { path: spec.path });
      }
    }
  };

  /** POST /v1/contacts/{phone}/{action}: the number E.164 and URL-encoded ("%2B16315551000"). */
  const act = async (
    action: "block" | "unblock" | "report",
    e164: string,
    body: Record<string, unknown>,
    idempotent: boolean,
  ): Promise<void> => {
    const path = `/v1/contacts/${encodeURIComponent(e164)}/${action}`;
    await operations.run((operation) =>
      call({ method: "POST", path, body, schema: plainSchema, idempotent }, operation),
    );
  };

  // Built once: nothing in it depends on the call.
  const contactChecks: CheckDeps = {
    post: (request, operation) =>
      call(
        {
          method: "POST",
          path: "/v1/contacts",
          body: { blocking: request.blocking, contacts: request.contacts, force_check: request.force },
          schema: contactsSchema,
          idempotent: true,
        },
        operation,
      ),
    poll: options.poll ?? DEFAULT_POLL_POLICY,
    logger,
    lastVersion: () => version,
  };

  return {
    name,
    capabilities: CAPABILITIES,
    apiVersion: () => version,

    checkContacts: (e164s, checkOptions = {}) =>
      operations.run((operation) => checkContacts(e164s, checkOptions, operation, contactChecks)),

    block: async (contact, reason) => {
      await act("block", phoneOf(contact), reason === undefined ? {} : { reason }, true);
      return NOT_RESENT;
    },

    unblock: async (contact) => {
      await act("unblock", phoneOf(contact), {}, true);
      return NOT_RESENT;
    },

    report: (e164, { reason, block, messageId } = {}) =>
      act(
        "report",
        e164,
        {
          ...(reason === undefined ? {} : { reason }),
          ...(block === undefined ? {} : { block }),
          ...(messageId === undefined ? {} : { message_id: messageId }),
        },
        false, // not idempotent: never replayed after a failure that may have reached the server
      ),

    blocklistPage: async (request) => {
      const page = offsetRequest(request);
      const answer = await operations.run((operation) =>
        call(
          {
            method: "GET",
            path: `/v1/contacts/blocklist?limit=${page.limit}&offset=${page.offset}`,
            schema: blocklistSchema,
            idempotent: true,
          },
          operation,
        ),
      );
      return toBlocklistPage(page, answer);
    },

    ping: async () => {
      await operations.run((operation) =>
        call({ method: "GET", path: "/v1/health", schema: healthSchema, idempotent: true }, operation),
      );
    },

    close: async () => {
      // The dispatcher belongs to the caller; this only ends pending waits, deadlines and later calls.
      operations.close(new WhatsAppConnectionError(`the ${name} WhatsApp client is closed`));
    },
  };
}
