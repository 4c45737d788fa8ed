import type { IncomingMessage, ServerResponse } from "node:http";
import { apiErrors, asApiFailure } from "./api-errors.js";
import type { SandboxApiFailure } from "./errors.js";

/** What a handler answers; the router adds `meta` to the body. */
export interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

const MAX_BODY_BYTES = 1024 * 1024;

export function meta(version: string): { api_status: "stable"; version: string } {
  return { api_status: "stable", version };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(text)),
  });
  res.end(text);
}

export function sendFailure(res: ServerResponse, failure: SandboxApiFailure, version: string): void {
  const { httpStatus, waCode, title, details } = failure.answer;
  const body = { errors: [{ code: waCode, title, details }], meta: meta(version) };
  sendJson(res, httpStatus, body, failure.headers);
}

/**
 * Writes a thrown error in the On-Premises envelope (also the control API's). One the sandbox did not raise on
 * purpose is answered as 1014 Internal error, and false is returned so the caller logs it.
 */
export function sendError(res: ServerResponse, error: unknown, version: string): boolean {
  const failure = asApiFailure(error);
  sendFailure(res, failure ?? apiErrors.internal("The sandbox failed to handle the request"), version);
  return failure !== undefined;
}

/** The parsed JSON body; an empty body reads as {} (block and unblock are often sent without one). */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw apiErrors.badJson("Request body is larger than 1 MB");
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (text === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw apiErrors.badJson("Request body is not valid JSON");
  }
}
