import { createHmac } from "node:crypto";
import { afterEach } from "vitest";
import type { IdentityUpdate, InboundMessage, Relay } from "../../src/relay/types.js";
import {
  type CloudWebhookDeps,
  createWebhookHandler,
  type OnPremWebhookDeps,
  type WebhookHandlerDeps,
} from "../../src/relay/webhook-handler.js";
import { serve, type TestServer } from "../http/serve.js";
import { captureLogger } from "../support/capture-logger.js";

/** The webhook handlers served on a loopback port, with what reached the relay and the directory recorded. */

export const SECRET = "s3cr3t-webhook-value";
export const APP_SECRET = "cloud-app-secret-value";
export const VERIFY_TOKEN = "verify-me-please";

export type StartOptions =
  | (Omit<OnPremWebhookDeps, "relay" | "logger"> & { relay?: Relay })
  | (Omit<CloudWebhookDeps, "relay" | "logger" | "directory"> & {
      relay?: Relay;
      directory?: CloudWebhookDeps["directory"];
    });

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Serves both handlers on one path and records what reached the relay and the directory. */
export async function start(options: StartOptions) {
  const relayed: InboundMessage[][] = [];
  const learned: IdentityUpdate[] = [];
  const logger = captureLogger();
  const relay =
    options.relay ??
    (async (messages: InboundMessage[]) => {
      relayed.push(messages);
    });
  const deps: WebhookHandlerDeps =
    options.mode === "cloud"
      ? {
          ...options,
          logger,
          relay,
          directory: options.directory ?? { learn: async (identity) => void learned.push(identity) },
        }
      : { ...options, logger, relay };
  const handlers = createWebhookHandler(deps);
  server = await serve((req, res) =>
    req.method === "GET" ? handlers.get(req, res) : handlers.post(req, res),
  );
  const url = `${server.url}/whatsapp/webhook`;
  return { url, relayed, learned, logger, handlers };
}

/** POSTs an object as JSON, a string or the bytes as they are. */
export function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const payload = typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: payload,
  });
}

/** Lets the relay started after the response run before asserting on it. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

export const sign = (body: string | Buffer, secret = APP_SECRET) =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
