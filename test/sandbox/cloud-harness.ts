import { readFileSync } from "node:fs";
import { onTestFinished } from "vitest";
import { type CloudSandboxHandle, type CloudSandboxOptions, startSandbox } from "../../src/sandbox/index.js";
import { type ApiResponse, request } from "./sandbox-harness.js";

/** A Cloud-shaped sandbox closed when the current test ends. */
export async function startCloudSandbox(
  options: Omit<CloudSandboxOptions, "shape"> = {},
): Promise<CloudSandboxHandle> {
  const sandbox = await startSandbox({ shape: "cloud", ...options });
  onTestFinished(() => sandbox.close());
  return sandbox;
}

/** A started Cloud sandbox and a caller bearing its token, with paths relative to `{graphUrl}/{phoneNumberId}`. */
export async function cloudClient(options: Omit<CloudSandboxOptions, "shape"> = {}): Promise<{
  sandbox: CloudSandboxHandle;
  call: (method: string, path: string, body?: unknown) => Promise<ApiResponse>;
}> {
  const sandbox = await startCloudSandbox(options);
  const prefix = `/v25.0/${sandbox.phoneNumberId}`;
  return {
    sandbox,
    call: (method, path, body) =>
      request(sandbox, method, `${prefix}${path}`, {
        token: sandbox.token,
        ...(body === undefined ? {} : { body }),
      }),
  };
}

/** The body of a block or unblock call. */
export function blockBody(...users: Array<{ user: string } | { user_id: string }>) {
  return { messaging_product: "whatsapp", block_users: users };
}

/** Graph's `error` object of an answer. */
export function graphErrorOf(response: ApiResponse): Record<string, unknown> | undefined {
  return (response.body as { error?: Record<string, unknown> } | undefined)?.error;
}

/** A fixture copied from Meta's documentation: "name.json" in test/fixtures/cloud, or "folder/name.json". */
export function cloudFixture(name: string): unknown {
  const path = name.includes("/") ? name : `cloud/${name}`;
  return JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), "utf8"));
}

/** The shape of a JSON value: keys and array lengths kept, every leaf replaced by its type. */
export function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shapeOf(inner)]));
  }
  return typeof value;
}
