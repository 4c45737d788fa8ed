import type { IncomingMessage } from "node:http";
import { performance } from "node:perf_hooks";
import { BodyTooLargeError, readBody } from "../http/read-body.js";
import { sendJson, sendText } from "../http/respond.js";
import { asyncRoute, type RouteHandler } from "../http/route-handler.js";
import type { AppLogger } from "../log/logger.js";
import type { AppMetrics } from "../metrics/metrics.js";
import { createPendingWork } from "../shared/pending-work.js";
import { WebhookPayloadError } from "./errors.js";
import type { InboundMessage, Relay } from "./types.js";
import { hubSignatureValid, secretsEqual } from "./webhook-auth.js";
import { parseInboundNotification } from "./webhook-schemas.js";

export interface WebhookHandlerDeps {
  mode: "onprem" | "cloud";
  /** WEBHOOK_SECRET (on-prem): expected as `X-Webhook-Secret` or `?secret=`. */
  secret?: string;
  /** WA_APP_SECRET (cloud): the key of `X-Hub-Signature-256`. */
  appSecret?: string;
  /** WA_VERIFY_TOKEN (cloud): answers the GET subscription check. */
  verifyToken?: string;
  relay: Relay;
  logger: AppLogger;
  /** Largest body accepted; larger ones get 413. */
  maxBodyBytes?: number;
  metrics?: Pick<AppMetrics, "slackRequest" | "webhookLatency">;
}

export interface WebhookHandlers {
  post: RouteHandler;
  get: RouteHandler;
  /**
   * Resolves once the deliveries being relayed have been, or after `timeoutMs`, whichever comes first; logs how
   * many were cut off. WhatsApp had its 200 for them and will not resend, so stopping waits for this.
   */
  drain(timeoutMs: number): Promise<void>;
}

// Notifications are a few KB; WhatsApp batches at most a few hundred messages in one.
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function query(req: IncomingMessage): URLSearchParams {
  return new URL(req.url ?? "/", "http://localhost").searchParams;
}

function parseBody(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString("utf8"));
  } catch (error) {
    // V8's message quotes part of the body, which may be a contact's text: keep it out of logs and answers.
    throw new WebhookPayloadError("body is not valid JSON", { cause: error });
  }
}

/** POST and GET /whatsapp/webhook. Unauthenticated calls get 401 and change nothing. */
export function createWebhookHandler(deps: WebhookHandlerDeps): WebhookHandlers {
  const { mode, relay, logger, metrics } = deps;
  const maxBodyBytes = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  // An empty secret would let anyone in; with none configured every call is refused (fail closed).
  const secret = deps.secret || undefined;
  const appSecret = deps.appSecret || undefined;
  const verifyToken = deps.verifyToken || undefined;
  if (mode === "onprem" && !secret)
    logger.warn("WEBHOOK_SECRET is not set: every webhook call will be refused");
  if (mode === "cloud" && !appSecret)
    logger.warn("WA_APP_SECRET is not set: every webhook call will be refused");

  const authenticated = (req: IncomingMessage, rawBody: Buffer): boolean => {
    if (mode === "cloud") {
      return (
        appSecret !== undefined && hubSignatureValid(rawBody, header(req, "x-hub-signature-256"), appSecret)
      );
    }
    const given = header(req, "x-webhook-secret") ?? query(req).get("secret") ?? undefined;
    return secret !== undefined && given !== undefined && secretsEqual(given, secret);
  };

  const relaying = createPendingWork();

  const startRelay = (messages: InboundMessage[], receivedAt: number): void => {
    // Started from a promise so that even a relay throwing synchronously cannot touch the answered request.
    relaying.track(
      Promise.resolve()
        .then(() => relay(messages))
        .catch((error: unknown) => logger.error("relay of a webhook delivery failed", error))
        .finally(() => metrics?.webhookLatency((performance.now() - receivedAt) / 1000)),
    );
  };

  const drain = async (timeoutMs: number): Promise<void> => {
    const cutOffDeliveries = await relaying.drain(timeoutMs);
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
    let messages: InboundMessage[];
    try {
      messages = parseInboundNotification(parseBody(rawBody));
    } catch (error) {
      if (!(error instanceof WebhookPayloadError)) throw error;
      logger.warn("webhook body refused", error);
      sendJson(res, 400, { ok: false, error: "bad_payload", message: error.message });
      return;
    }
    // WhatsApp retries anything not answered fast; Slack posts can take seconds, so they happen after the 200.
    sendJson(res, 200, { ok: true });
    if (messages.length > 0) startRelay(messages, receivedAt);
  }, logger);

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
