import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, type CustomRoute, HTTPReceiver, SocketModeReceiver, webApi } from "@slack/bolt";
import { AppError } from "../common/app-error.js";
import type { AppLogger } from "../log/logger.js";
import { answerProcessingError } from "./input/processing-error.js";
import { memoryReplayGuard, type ReplayGuard, withLocalFallback } from "./input/replay-guard.js";
import { claimProperty, isReplayStop, stopReplaysAtAck } from "./input/replay-verdict.js";
import { guardSlackRequests } from "./input/request-guard.js";
import { acknowledgeUnserved } from "./input/unserved-request.js";
import { createInFlight, type SlackSurface } from "./middleware/in-flight.js";
import type { SlackClients } from "./web-client.js";

export interface BoltAppDeps {
  slack: { botToken: string; signingSecret?: string | undefined; appToken?: string | undefined };
  /** The Web API client options (web-client.ts): Bolt's per-request clients use them too. */
  clients: SlackClients;
  port: number;
  /** The address to listen on (HTTP mode): all interfaces when absent; local mode uses 127.0.0.1 (CONTRACT.md §9). */
  host?: string | undefined;
  logger: AppLogger;
  /** Served on `port` in both modes (/healthz, /metrics, /whatsapp/webhook). */
  customRoutes?: CustomRoute[];
  /** How long Socket Mode may take to connect at start-up; default 30 s. */
  socketModeStartTimeoutMs?: number;
  /** Called once per Slack request with its surface. */
  onRequest?: (surface: SlackSurface) => void;
  /** Commands under way past which new ones are turned away in their ack; default MAX_COMMANDS_IN_FLIGHT. */
  maxCommandsInFlight?: number;
  /**
   * Answers true the first time a request signature is seen (docs/CONTRACT.md §8). Replicas share one when it is
   * backed by the store (`storeReplayGuard` in input/replay-guard.ts); without it, each process remembers its own.
   */
  replayGuard?: ReplayGuard;
}

/** The Bolt app and its receivers; the listeners are registered on `app` by the caller. */
export interface BoltApp {
  app: App;
  /** The HTTP port actually listened on once started (useful with port 0). */
  readonly port: number | undefined;
  start(): Promise<void>;
  /** Stops taking requests, then waits (up to 15 s) for the ones under way to send their answers. */
  stop(): Promise<void>;
}

/** The Socket Mode connection did not open in time: the app would sit there deaf, so it does not start. */
export class SocketModeStartError extends AppError {
  readonly code = "slack_socket_mode_start";
}

/** Slack rejected the bot token at start-up: nothing would work, so the app does not start. */
export class SlackTokenError extends AppError {
  readonly code = "slack_token";
}

/**
 * Commands under way past which new ones are turned away (docs/CONTRACT.md §8). At WhatsApp's 20 look-ups a second,
 * 200 commands are already more than its 10 s timeout lets through; each holds some 20-30 KB of heap meanwhile,
 * and without a bound a sender faster than the bot would grow the heap until `npm start`'s 128 MiB limit kills it.
 */
export const MAX_COMMANDS_IN_FLIGHT = 200;

/** How long stopping waits for work under way: a Slack post, retries included, fits. */
export const DRAIN_TIMEOUT_MS = 15_000;
// The Socket Mode client retries a failed WebSocket handshake for ever; start-up must end one way or the other.
const SOCKET_MODE_START_TIMEOUT_MS = 30_000;
const SLACK_EVENTS_PATH = "/slack/events";

function listeningPort(server: unknown): number | undefined {
  const address = (server as Server | undefined)?.address?.();
  return typeof address === "object" && address !== null ? (address as AddressInfo).port : undefined;
}

export function createBoltApp(deps: BoltAppDeps): BoltApp {
  const logger = deps.logger.child("slack");
  const { botToken, signingSecret, appToken } = deps.slack;
  const { client, options: clientOptions } = deps.clients;
  const customRoutes = deps.customRoutes ?? [];
  const socketMode = appToken !== undefined;

  const receiver = socketMode
    ? new SocketModeReceiver({ appToken, logger, installerOptions: { clientOptions } })
    : new HTTPReceiver({
        signingSecret: signingSecret ?? "",
        endpoints: SLACK_EVENTS_PATH,
        port: deps.port,
        customRoutes,
        logger,
        processBeforeResponse: false,
        // guardSlackRequests (below) has verified every request that reaches the endpoint, more strictly; Bolt's
        // second check (three HMACs, a random key and a querystring parse) cost about 50 µs of CPU per request.
        signatureVerification: false,
        processEventErrorHandler: answerProcessingError,
        customPropertiesExtractor: claimProperty,
      });
  if (receiver instanceof HTTPReceiver) {
    const replayGuard =
      deps.replayGuard === undefined
        ? memoryReplayGuard()
        : withLocalFallback(deps.replayGuard, (error) =>
            logger.warn("the shared replay guard failed; this process remembers signatures alone", error),
          );
    receiver.requestListener = guardSlackRequests(receiver.requestListener, {
      path: SLACK_EVENTS_PATH,
      signingSecret: signingSecret ?? "",
      replayGuard,
      logger,
    });
  }
  // Socket Mode still serves the non-Slack routes over HTTP: an HTTPReceiver with no Slack endpoint does that.
  const routesReceiver = socketMode
    ? new HTTPReceiver({
        signingSecret: "",
        signatureVerification: false,
        endpoints: [],
        customRoutes,
        port: deps.port,
        logger,
      })
    : undefined;

  // One workspace, one bot token: no per-request auth.test (Bolt's default would call it on every request).
  // No conversation store: nothing here keeps per-conversation state, and Bolt's default one builds a rejected
  // Error (with its stack trace) for every request before any listener runs.
  const app = new App({
    receiver,
    authorize: async () => ({ botToken }),
    convoStore: false,
    logger,
    clientOptions,
  });

  acknowledgeUnserved(app);
  stopReplaysAtAck(app);
  // A replay stopped at its ack is no failure. Every other error goes on to the receiver, which logs it (Bolt's
  // default handler would log it a second time).
  app.error(async (error) => {
    if (!isReplayStop(error)) throw error;
  });
  const inFlight = createInFlight({
    maxCommands: deps.maxCommandsInFlight ?? MAX_COMMANDS_IN_FLIGHT,
    logger,
    onRequest: deps.onRequest,
  });
  app.use(inFlight.middleware);

  let port: number | undefined;
  let started = false;

  const checkToken = async (): Promise<void> => {
    try {
      const identity = await client.auth.test();
      logger.info("the Slack Web API accepted the bot token", {
        team: identity.team_id,
        botUser: identity.user_id,
      });
    } catch (error) {
      if (error instanceof Error && "code" in error && error.code === webApi.ErrorCode.PlatformError) {
        throw new SlackTokenError(`Slack refused SLACK_BOT_TOKEN: ${error.message}`, { cause: error });
      }
      // Slack unreachable right now: requests will tell; starting anyway keeps /healthz and the webhook up.
      logger.warn("could not reach Slack to check the bot token", { error: String(error) });
    }
  };

  return {
    app,
    get port() {
      return port;
    },
    start: async () => {
      await checkToken();
      if (routesReceiver !== undefined) {
        port = listeningPort(await routesReceiver.start(deps.port));
        try {
          await withinStartTimeout(app, deps.socketModeStartTimeoutMs ?? SOCKET_MODE_START_TIMEOUT_MS);
        } catch (error) {
          // No half-started app: the routes' port is released for the next attempt.
          await routesReceiver.stop();
          port = undefined;
          throw error;
        }
      } else {
        port = listeningPort(
          await app.start(deps.host === undefined ? deps.port : { port: deps.port, host: deps.host }),
        );
      }
      started = true;
      logger.info(socketMode ? "Slack app started in Socket Mode" : "Slack app listening", { port });
    },
    stop: async () => {
      if (!started) return;
      started = false;
      await Promise.all([app.stop(), routesReceiver?.stop(), inFlight.drain(DRAIN_TIMEOUT_MS)]);
      logger.info("Slack app stopped");
    },
  };
}

/** Starts the Socket Mode app, or stops its retrying client and throws when the connection has not opened in time. */
async function withinStartTimeout(app: App, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new SocketModeStartError(
            `the Socket Mode connection to Slack did not open within ${Math.round(timeoutMs / 1000)} s: ` +
              "check SLACK_APP_TOKEN, that Socket Mode is enabled for the app, and that this host can reach Slack over WebSocket",
          ),
        ),
      timeoutMs,
    );
  });
  try {
    await Promise.race([app.start(), timedOut]);
  } catch (error) {
    await app.stop().catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
