import type { IncomingMessage } from "node:http";
import { performance } from "node:perf_hooks";
import { createPendingWork } from "../common/pending-work.js";
import { BodyTooLargeError, readBody } from "../http/read-body.js";
import { sendJson, sendText } from "../http/respond.js";
import { asyncRoute, type RouteHandler } from "../http/route-handler.js";
import type { AppLogger } from "../log/logger.js";
import type { AppMetrics } from "../metrics/metrics.js";
import { createCloudIntake } from "./cloud-webhook.js";
import type { StoreContactDirectory } from "./contact-directory.js";
import type { Relay } from "./types.js";
import { hubSignatureValid, secretsEqual } from "./webhook-auth.js";
import { createOnPremIntake, type WebhookIntake } from "./webhook-intake.js";

interface CommonWebhookDeps {
  relay: Relay;
  logger: AppLogger;
  /** Largest body accepted; larger ones get 413. */
  maxBodyBytes?: number;
  metrics?: Pick<AppMetrics, "slackRequest" | "webhookLatency">;
}

export interface OnPremWebhookDeps extends CommonWebhookDeps {
  mode: "onprem";
  /** WEBHOOK_SECRET: expected as `X-Webhook-Secret` or `?secret=`. */
  secret?: string;
}

export interface CloudWebhookDeps extends CommonWebhookDeps {
  mode: "cloud";
  /** WA_APP_SECRET: the key of `X-Hub-Signature-256`. */
  appSecret?: string;
  /** WA_VERIFY_TOKEN: answers the GET subscription check. */
  verifyToken?: string;
  /** Learns the BSUID ↔ wa_id ↔ username pairs every delivery shows (createStoreContactDirectory). */
  directory: Pick<StoreContactDirectory, "learn">;
}

export type WebhookHandlerDeps = OnPremWebhookDeps | CloudWebhookDeps;

export interface WebhookHandlers {
  post: RouteHandler;
  get: RouteHandler;
  /**
   * Resolves once the deliveries being queued have been, or after `timeoutMs`, whichever comes first; logs how
   * many were cut off (WhatsApp gets no 2xx for those, so it delivers them again).
   */
  drain(timeoutMs: number): Promise<void>;
}

// On-prem notifications are a few KB. Meta's webhook payloads go up to 3 MB, and a 413 for a signed delivery
// would be resent for 7 days (docs/CONTRACT.md §1.2).
const DEFAULT_MAX_BODY_BYTES = { onprem: 1024 * 1024, cloud: 3 * 1024 * 1024 };

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function query(req: IncomingMessage): URLSearchParams {
  return new URL(req.url ?? "/", "http://localhost").searchParams;
}

/** Whether a call may go on, in constant time; an empty or missing secret refuses every call (fail closed). */
function authenticator(deps: WebhookHandlerDeps): (req: IncomingMessage, rawBody: Buffer) => boolean {
  if (deps.mode === "cloud") {
    const appSecret = deps.appSecret || undefined;
    if (!appSecret) deps.logger.warn("WA_APP_SECRET is not set: every webhook call will be refused");
    return (req, rawBody) =>
      appSecret !== undefined && hubSignatureValid(rawBody, header(req, "x-hub-signature-256"), appSecret);
  }
  const secret = deps.secret || undefined;
  if (!secret) deps.logger.warn("WEBHOOK_SECRET is not set: every webhook call will be refused");
  return (req) => {
    const given = header(req, "x-webhook-secret") ?? query(req).get("secret") ?? undefined;
    return secret !== undefined && given !== undefined && secretsEqual(given, secret);
  };
}

/**
 * POST and GET /whatsapp/webhook (docs/CONTRACT.md §3). Unauthenticated calls get 401 and change nothing; the
 * answer goes out once the relay has queued the delivery's messages in the store (503 when it could not); the
 * queue's drainer posts them to Slack later (relay-drainer.ts).
 */
export function createWebhookHandler(deps: WebhookHandlerDeps): WebhookHandlers {
  const { mode, logger, metrics } = deps;
  const maxBodyBytes = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES[mode];
  const authenticated = authenticator(deps);
  const intake: WebhookIntake = deps.mode === "cloud" ? createCloudIntake(deps) : createOnPremIntake(deps);
  const verifyToken = (deps.mode === "cloud" && deps.verifyToken) || undefined;
  const pending = createPendingWork();

  /** Runs the delivery's work (queueing its messages) before the answer; false when it failed. */
  const runWork = async (work: () => Promise<void>, receivedAt: number): Promise<boolean> => {
    // Started from a promise so that even work throwing synchronously is caught; tracked so stopping waits.
    const running = Promise.resolve().then(work);
    pending.track(running);
    try {
      await running;
      return true;
    } catch (error) {
      logger.error("webhook delivery not queued; answering 503 so that WhatsApp delivers it again", error);
      return false;
    } finally {
      metrics?.webhookLatency((performance.now() - receivedAt) / 1000);
    }
  };

  const drain = async (timeoutMs: number): Promise<void> => {
    const cutOffDeliveries = await pending.drain(timeoutMs);
    if (cutOffDeliveries > 0)
      logger.warn("stopping before every webhook delivery was relayed", { cutOffDeliveries });
  };

  const post = asyncRoute(async (req, res) => {
    const receivedAt = performance.now();
    metrics?.slackRequest("webhook");
    let rawBody: Buffer;
    try {
      rawBody = await readBody(req, maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      // Stop reading what is left of an oversized body: close the connection after answering.
      res.setHeader("connection", "close");
      sendJson(res, 413, { ok: false, error: "body_too_large" });
      logger.warn("webhook body refused", error);
      return;
    }
    if (!authenticated(req, rawBody)) {
      logger.warn(`webhook call refused: missing or wrong ${mode === "cloud" ? "signature" : "secret"}`);
      sendJson(res, 401, { ok: false, error: "unauthorized" });
      return;
    }
    const outcome = intake(rawBody);
    // docs/CONTRACT.md §5: 2xx only once every message of the delivery is durably queued.
    if (outcome.work && !(await runWork(outcome.work, receivedAt))) {
      sendJson(res, 503, { ok: false, error: "not_queued" });
      return;
    }
    sendJson(res, outcome.status, outcome.body);
  }, logger);

  // The Cloud subscription check (docs/CONTRACT.md §1.2); on-prem has no verify token, so it is always refused.
  const get = asyncRoute(async (req, res) => {
    const params = query(req);
    const token = params.get("hub.verify_token");
    const challenge = params.get("hub.challenge");
    const verified =
      params.get("hub.mode") === "subscribe" &&
      verifyToken !== undefined &&
      token !== null &&
      challenge !== null &&
      secretsEqual(token, verifyToken);
    if (!verified) {
      logger.warn("webhook subscription check refused");
      sendText(res, 403, "forbidden");
      return;
    }
    sendText(res, 200, challenge);
  }, logger);

  return { post, get, drain };
}
