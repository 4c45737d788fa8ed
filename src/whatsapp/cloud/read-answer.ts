import type { z } from "zod";
import { WaErrorCode, WhatsAppApiError, WhatsAppBadResponseError } from "../errors.js";
import type { HttpResponse } from "../http/transport.js";
import { type GraphErrorBody, graphErrorEnvelopeSchema } from "./answers.js";
import { CloudTokenRefusedError } from "./errors.js";

/** What a Graph error says, top-level or per user, in the terms of WhatsAppApiError. */
export interface GraphFailure {
  code: number;
  message: string;
  subcode?: number | undefined;
  details?: string | undefined;
  fbtraceId?: string | undefined;
}

/** A top-level Graph `error` as a GraphFailure. */
export function failureOf(error: GraphErrorBody): GraphFailure {
  return {
    code: error.code,
    message: error.message,
    subcode: error.error_subcode,
    details: error.error_data?.details,
    fbtraceId: error.fbtrace_id,
  };
}

/**
 * Graph echoes a malformed token in its message ("Malformed access token EAAG…"); no error text may carry it
 * (docs/CONTRACT.md §8), so every Graph text passes through here.
 */
function withoutToken(text: string, token: string): string {
  return token === "" ? text : text.split(token).join("[WA_TOKEN]");
}

/** The error for a Graph failure: 190 gets the operator's instructions, the rest WhatsApp's own words. */
export function graphError(
  failure: GraphFailure,
  response: HttpResponse,
  token: string,
): WhatsAppApiError | CloudTokenRefusedError {
  // An empty fbtrace_id (seen in a Meta example) is no id at all.
  const fbtraceId = failure.fbtraceId === "" ? undefined : failure.fbtraceId;
  if (failure.code === WaErrorCode.GraphToken) {
    return new CloudTokenRefusedError({
      waCode: failure.code,
      subcode: failure.subcode,
      graphMessage: withoutToken(failure.message, token),
      httpStatus: response.status,
      fbtraceId,
    });
  }
  return new WhatsAppApiError({
    code: failure.code,
    title: withoutToken(failure.message, token),
    ...(failure.details === undefined ? {} : { details: withoutToken(failure.details, token) }),
    httpStatus: response.status,
    retryAfter: response.retryAfter,
    fbtraceId,
  });
}

const NOT_JSON = Symbol("not JSON");

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

function hasKey(value: unknown, key: string): boolean {
  return typeof value === "object" && value !== null && key in value;
}

/**
 * Reads one Graph answer whatever its HTTP status (block_users partial failures come with 200 or 400): the body
 * parsed by `schema` when it has `dataKey`, else the top-level Graph `error` thrown as a WhatsAppApiError (or
 * CloudTokenRefusedError), else WhatsAppBadResponseError (an HTML gateway page, a shape we do not know).
 */
export function readGraphAnswer<T>(
  response: HttpResponse,
  schema: z.ZodType<T>,
  dataKey: string,
  token: string,
): T {
  const { status } = response;
  const json = parseJson(response.text);
  if (json === NOT_JSON) {
    // The body is left out: a gateway's HTML page says nothing useful and may be huge.
    throw new WhatsAppBadResponseError(`Graph answered HTTP ${status} with a body that is not JSON`, status);
  }
  const parsed = hasKey(json, dataKey) ? schema.safeParse(json) : undefined;
  if (parsed?.success) return parsed.data;
  const failure = hasKey(json, "error") ? graphErrorEnvelopeSchema.safeParse(json) : undefined;
  if (failure?.success) throw graphError(failureOf(failure.data.error), response, token);
  if (status < 200 || status > 299) {
    throw new WhatsAppBadResponseError(`Graph answered HTTP ${status} without a Graph error body`, status);
  }
  const path = parsed?.error.issues[0]?.path.map(String).join(".");
  const where = path === undefined ? `no ${dataKey}` : `an unexpected shape at ${path || "the top"}`;
  throw new WhatsAppBadResponseError(`Graph answered HTTP ${status} with ${where}`, status, {
    cause: parsed?.error,
  });
}
