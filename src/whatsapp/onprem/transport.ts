import type { Dispatcher } from "undici";
import { WhatsAppTimeoutError } from "../errors.js";
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
  headers: Record<string, string>;
  /** Sent as JSON when present. */
  body?: unknown;
}

export interface HttpResponse {
  status: number;
  /** Seconds, from a numeric Retry-After header. */
  retryAfter: number | undefined;
  text: string;
}

function parseRetryAfter(value: string | string[] | undefined): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || !/^\d+(\.\d+)?$/.test(raw.trim())) return undefined;
  return Number(raw.trim());
}

/**
 * One HTTP exchange, body included, that gives up after `timeoutMs` or when `signal` aborts (rejecting with
 * the signal's reason). Network failures come out as WhatsAppError subclasses; any HTTP status is returned.
 */
export async function sendOnce(
  endpoint: Endpoint,
  request: HttpRequest,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<HttpResponse> {
  const attempt = new AbortController();
  const timer = setTimeout(() => {
    attempt.abort(new WhatsAppTimeoutError(`WhatsApp did not answer within ${timeoutMs} ms`));
  }, timeoutMs);
  const combined = AbortSignal.any([signal, attempt.signal]);
  const hasBody = request.body !== undefined;
  try {
    const response = await endpoint.dispatcher.request({
      origin: endpoint.origin,
      path: `${endpoint.basePath}${request.path}`,
      method: request.method,
      headers: {
        ...request.headers,
        accept: "application/json",
        ...(hasBody ? { "content-type": "application/json" } : {}),
      },
      body: hasBody ? JSON.stringify(request.body) : null,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: combined,
    });
    const text = await response.body.text();
    return {
      status: response.statusCode,
      retryAfter: parseRetryAfter(response.headers["retry-after"]),
      text,
    };
  } catch (error) {
    if (combined.aborted) throw combined.reason;
    throw toWhatsAppError(error, timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}
