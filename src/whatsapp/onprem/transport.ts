import type { Dispatcher } from "undici";
import { WhatsAppTimeoutError } from "../errors.js";
import { Cancellation } from "./cancellation.js";
import { toWhatsAppError } from "./network-errors.js";

/** Where the API lives: the dispatcher's origin plus any path prefix of WA_API_URL (a proxy may add one). */
export interface Endpoint {
  dispatcher: Dispatcher;
  origin: string;
  basePath: string;
}

export function endpointFor(baseUrl: string, dispatcher: Dispatcher): Endpoint {
  const url = new URL(baseUrl);
  return { dispatcher, origin: url.origin, basePath: url.pathname.replace(/\/+$/, "") };
}

export interface HttpRequest {
  method: "GET" | "POST";
  /** From the API root, with the query string: "/v1/contacts/blocklist?limit=15&offset=0". */
  path: string;
  /** The Authorization header value; the only header that differs between calls. */
  authorization: string;
  /** Sent as JSON when present. */
  body?: unknown;
}

export interface HttpResponse {
  status: number;
  /** Seconds, from a numeric Retry-After header. */
  retryAfter: number | undefined;
  text: string;
}

const JSON_TYPE = "application/json";

function parseRetryAfter(value: string | string[] | undefined): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || !/^\d+(\.\d+)?$/.test(raw.trim())) return undefined;
  return Number(raw.trim());
}

/**
 * One HTTP exchange, body included, that gives up after `timeoutMs` or when `operation` aborts (rejecting with
 * its reason). Network failures come out as WhatsAppError subclasses; any HTTP status is returned.
 */
export async function sendOnce(
  endpoint: Endpoint,
  request: HttpRequest,
  timeoutMs: number,
  operation: Cancellation,
): Promise<HttpResponse> {
  if (operation.aborted) throw operation.reason;
  // Our own timer as well as undici's: undici checks headersTimeout and bodyTimeout on a clock that ticks about
  // twice a second, so a 150 ms timeout would fire after up to a second.
  const attempt = new Cancellation();
  const timer = setTimeout(timeOut, timeoutMs, attempt, timeoutMs);
  const stopFollowing = operation.onAbort(() => attempt.abort(operation.reason));
  try {
    const response = await endpoint.dispatcher.request({
      origin: endpoint.origin,
      path: endpoint.basePath + request.path,
      method: request.method,
      headers:
        request.body === undefined
          ? { authorization: request.authorization, accept: JSON_TYPE }
          : { authorization: request.authorization, accept: JSON_TYPE, "content-type": JSON_TYPE },
      body: request.body === undefined ? null : JSON.stringify(request.body),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: attempt,
    });
    const text = await response.body.text();
    return {
      status: response.statusCode,
      retryAfter: parseRetryAfter(response.headers["retry-after"]),
      text,
    };
  } catch (error) {
    if (attempt.aborted) throw attempt.reason;
    throw toWhatsAppError(error, timeoutMs);
  } finally {
    clearTimeout(timer);
    stopFollowing();
  }
}

/** The error is built only when the timer fires: building one costs a stack trace. */
function timeOut(attempt: Cancellation, timeoutMs: number): void {
  attempt.abort(new WhatsAppTimeoutError(`WhatsApp did not answer within ${timeoutMs} ms`));
}
