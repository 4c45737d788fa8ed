import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { AppLogger } from "../../log/logger.js";
import type { ReplayGuard } from "./replay-guard.js";
import { holdClaim } from "./replay-verdict.js";
import { shapeOfRequest } from "./request-shape.js";
import { signatureProblem } from "./signed-request.js";

/**
 * Request hygiene in front of Bolt's HTTP receiver, for POST /slack/events (docs/CONTRACT.md §8): a body over 1 MB
 * is 413; a timestamp more than 5 minutes off either way or a bad signature is 401, before the body is parsed; a
 * replayed signature is acknowledged and nothing after that runs (replay-verdict.ts); a malformed body or unknown
 * payload type is 400 and a well-formed type no listener serves is 200, at once. What passes goes to Bolt with its
 * body already read (Bolt reuses `rawBody`), so Bolt never sees a body it would crash on.
 */

export const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Replay claims the store may have under way before a new request waits for its own before Bolt reads it. Below
 * this, acknowledgements do not wait for the store; past it, the store is behind, and making senders wait for it
 * is what keeps claims, and the requests whose verdict they hold, from piling up in memory.
 */
export const MAX_UNSETTLED_CLAIMS = 200;

export interface RequestGuardOptions {
  path: string;
  signingSecret: string;
  replayGuard: ReplayGuard;
  logger: AppLogger;
}

class BodyTooLarge extends Error {}

/** A replay claim under way: its verdict (true: first delivery), and when it has settled either way. */
interface Claim {
  verdict: Promise<boolean>;
  settled: Promise<void>;
}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners("data");
        request.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

function answer(response: ServerResponse, status: number, close = false): void {
  if (response.headersSent) return;
  response.writeHead(status, close ? { connection: "close" } : {});
  response.end();
}

/** The path as Bolt routes on it (HTTPReceiver), so nothing reaches its endpoint around this guard. */
function pathOf(request: IncomingMessage): string | undefined {
  try {
    return new URL(request.url ?? "", "http://localhost").pathname;
  } catch {
    return undefined;
  }
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === "string" ? value : undefined;
}

/** Wraps Bolt's request listener; other paths and methods go straight through. */
export function guardSlackRequests(bolt: RequestListener, options: RequestGuardOptions): RequestListener {
  const { logger } = options;
  let unsettledClaims = 0;

  /** Starts the claim of a signature, counted as unsettled until the store answers. */
  const startClaim = (signature: string): Claim => {
    const verdict = options.replayGuard(signature);
    unsettledClaims += 1;
    const settled = verdict
      .then(
        (first) =>
          first || logger.warn("ignored a replayed Slack request: its signature was already acted on"),
        () => undefined,
      )
      .then(() => {
        unsettledClaims -= 1;
      });
    return { verdict, settled };
  };

  const screen = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    let body: Buffer;
    try {
      body = await readBody(request, BODY_LIMIT_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        logger.warn("refused a Slack request over 1 MB (413)");
        answer(response, 413, true);
      } else {
        answer(response, 400);
      }
      return;
    }
    const problem = signatureProblem(
      options.signingSecret,
      {
        timestamp: request.headers["x-slack-request-timestamp"],
        signature: request.headers["x-slack-signature"],
      },
      body,
    );
    // Nothing of an unverified body is parsed: refusing it costs one HMAC.
    if (problem !== undefined) {
      logger.warn(`refused a Slack request (401): ${problem}`);
      return answer(response, 401);
    }
    const shape = shapeOfRequest(header(request, "content-type"), body.toString("utf8"));
    if (shape === "ssl_check") return answer(response, 200);
    if (shape === "malformed") {
      logger.warn("refused a malformed Slack request (400)");
      return answer(response, 400);
    }
    if (shape === "ignore") return answer(response, 200);
    const signature = String(request.headers["x-slack-signature"]);
    // Made once, by whichever asks first: the ack once it has gone out, or this guard when the store is behind.
    let claimed: Claim | undefined;
    const claim = (): Claim => {
      claimed ??= startClaim(signature);
      return claimed;
    };
    holdClaim(request, () => claim().verdict);
    if (unsettledClaims >= MAX_UNSETTLED_CLAIMS) await claim().settled;
    Object.assign(request, { rawBody: body });
    bolt(request, response);
  };

  return (request, response) => {
    if (request.method?.toUpperCase() !== "POST" || pathOf(request) !== options.path) {
      bolt(request, response);
      return;
    }
    screen(request, response).catch((error: unknown) => {
      logger.error("a Slack request failed before reaching a listener", error);
      answer(response, 500);
    });
  };
}
