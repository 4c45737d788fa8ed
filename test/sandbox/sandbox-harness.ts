import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { onTestFinished } from "vitest";
import { type SandboxHandle, type SandboxOptions, startSandbox } from "../../src/sandbox/index.js";

/** A sandbox closed when the current test ends. */
export async function startTestSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const sandbox = await startSandbox(options);
  onTestFinished(() => sandbox.close());
  return sandbox;
}

/** A clock that moves only when told: the 24-hour rule, the 7-day cache and token expiry become exact. */
export function manualClock(start = Date.UTC(2025, 0, 15, 12, 0, 0)): {
  now: () => number;
  advance(ms: number): void;
} {
  let current = start;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
  };
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
}

export async function request(
  sandbox: { url: string },
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (payload !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers,
    ...(payload === undefined ? {} : { body: payload }),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
}

/** Logs in with the sandbox's own credentials and returns the bearer token. */
export async function login(sandbox: SandboxHandle): Promise<string> {
  const response = await request(sandbox, "POST", "/v1/users/login", {
    headers: { authorization: basicAuth(sandbox.username, sandbox.password) },
  });
  const token = (response.body as { users?: Array<{ token?: unknown }> } | undefined)?.users?.[0]?.token;
  if (response.status !== 200 || typeof token !== "string") {
    throw new Error(`login failed with HTTP ${response.status}: ${response.text}`);
  }
  return token;
}

/** A started sandbox with a token, for the many tests that only need to call the API. */
export async function loggedIn(options: SandboxOptions = {}): Promise<{
  sandbox: SandboxHandle;
  call: (method: string, path: string, body?: unknown) => Promise<ApiResponse>;
}> {
  const sandbox = await startTestSandbox(options);
  const token = await login(sandbox);
  return {
    sandbox,
    call: (method, path, body) =>
      request(sandbox, method, path, body === undefined ? { token } : { token, body }),
  };
}

/** The single `errors[]` entry of a failure answer. */
export function errorOf(
  response: ApiResponse,
): { code?: unknown; title?: unknown; details?: unknown } | undefined {
  return (
    response.body as { errors?: Array<{ code?: unknown; title?: unknown; details?: unknown }> } | undefined
  )?.errors?.[0];
}

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: unknown;
  /** The bytes received, undecoded (a signature is over exactly these). */
  raw: Buffer;
}

/** A tiny webhook receiver answering `status`; it records what it got. */
export async function webhookReceiver(status = 200): Promise<{ url: string; received: ReceivedWebhook[] }> {
  const received: ReceivedWebhook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      received.push({ headers: req.headers, body: JSON.parse(raw.toString("utf8")), raw });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/whatsapp/webhook`, received };
}
