import type { Dispatcher } from "undici";
import { WhatsAppTimeoutError } from "../errors.js";
import { Cancellation } from "./cancellation.js";
import { type ServerSettings, toWhatsAppError } from "./network-errors.js";

/** What differs between the servers the clients talk to, as far as one exchange is concerned. */
export interface ServerProfile extends ServerSettings {
  /** Who answers, as a timed-out attempt names it: "WhatsApp" (On-Premises), "Graph" (Cloud API). */
  readonly name: string;
  /** Whether a Retry-After HTTP date counts too (Graph); the On-Premises client reads delta-seconds only. */
  readonly retryAfterDates: boolean;
}

/** Where the API lives: the dispatcher's origin plus any path prefix of the base URL (a proxy may add one). */
export interface Endpoint {
  dispatcher: Dispatcher;
  origin: string;
  basePath: string;
  server: ServerProfile;
}

export function endpointFor(baseUrl: string, dispatcher: Dispatcher, server: ServerProfile): Endpoint {
  const url = new URL(baseUrl);
  return { dispatcher, origin: url.origin, basePath: url.pathname.replace(/\/+$/, ""), server };
}

export type HttpMethod = "GET" | "POST" | "DELETE";

export interface HttpRequest {
  method: HttpMethod;
  /** From the API root, with the query string: "/v1/contacts/blocklist?limit=15&offset=0". */
  path: string;
  /** Every header of the call, credentials included: nothing here logs them. */
  headers: Readonly<Record<string, string>>;
  /** Sent as JSON when present (a Graph DELETE carries one too). */
  body?: unknown;
}

export interface HttpResponse {
  status: number;
  /** Seconds, from a Retry-After header. */
  retryAfter: number | undefined;
  text: string;
}

/**
 * Seconds to wait from a Retry-After header: delta-seconds, or, when `dates` is set, an HTTP date (a date
 * already past gives 0). Anything else gives undefined.
 */
export function retryAfterSeconds(
  header: string | string[] | undefined,
  dates: boolean,
  now: () => number = Date.now,
): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (value === undefined || value === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value);
  if (!dates) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now()) / 1000);
}

/**
 * One HTTP exchange, body included, that gives up after `timeoutMs` or when `operation` aborts (rejecting with
 * its reason). Network failures come out as WhatsAppError subclasses; any HTTP status is returned.
 */
export async function exchange(
  endpoint: Endpoint,
  request: HttpRequest,
  timeoutMs: number,
  operation: Cancellation,
): Promise<HttpResponse> {
  if (operation.aborted) throw operation.reason;
  // Our own timer as well as undici's: undici checks headersTimeout and bodyTimeout on a clock that ticks about
  // twice a second, so a 150 ms timeout would fire after up to a second. The attempt is a Cancellation, not an
  // AbortSignal, for the reason given in cancellation.ts.
  const attempt = new Cancellation();
  const { server } = endpoint;
  const timer = setTimeout(timeOut, timeoutMs, attempt, server.name, timeoutMs);
  const stopFollowing = operation.onAbort(() => attempt.abort(operation.reason));
  try {
    const response = await endpoint.dispatcher.request({
      origin: endpoint.origin,
      path: endpoint.basePath + request.path,
      method: request.method,
      headers: request.headers,
      body: request.body === undefined ? null : JSON.stringify(request.body),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: attempt,
    });
    const text = await response.body.text();
    return {
      status: response.statusCode,
      retryAfter: retryAfterSeconds(response.headers["retry-after"], server.retryAfterDates),
      text,
    };
  } catch (error) {
    if (attempt.aborted) throw attempt.reason;
    throw toWhatsAppError(error, timeoutMs, server);
  } finally {
    clearTimeout(timer);
    stopFollowing();
  }
}

/** The error is built only when the timer fires: building one costs a stack trace. */
function timeOut(attempt: Cancellation, name: string, timeoutMs: number): void {
  attempt.abort(new WhatsAppTimeoutError(`${name} did not answer within ${timeoutMs} ms`));
}
