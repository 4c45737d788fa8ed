import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { Agent, request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WhatsAppBackend } from "../../../src/whatsapp/backend.js";
import { createCloudClient } from "../../../src/whatsapp/cloud/index.js";
import { captureLogger } from "../../support/capture-logger.js";
import { freePort } from "../../support/free-port.js";

/**
 * The client against Meta's own OpenAPI spec (test/fixtures/openapi), served by Stoplight Prism with --errors:
 * Prism answers 401/415/422 instead of the spec's example whenever a request breaks the spec (headers
 * included), so each passing call here is one Prism found nothing wrong with. Prism answers every call with the
 * spec's example whatever was sent, so the results asserted are those examples.
 */

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const PRISM = `${ROOT}node_modules/.bin/prism`;
const SPEC = `${ROOT}test/fixtures/openapi/business-messaging-api_v23.0.yaml`;
const PHONE_NUMBER_ID = "106540352242922";
const START_TIMEOUT_MS = 15_000;
/** The cursor of the spec's GetBlockedUsersResponse example. */
const SPEC_CURSOR = "eyJvZAmZAzZAXQiOjAsInZAlcnNpb25JZACI6IjE3Mzc2Nzk2ODgzODM1ODQifQZDZD";

let prism: ChildProcess | undefined;
let output = "";
let origin = "";
let dispatcher: Agent | undefined;
let client: WhatsAppBackend;

function prismSaid(): string {
  return output.split("\n").slice(-30).join("\n");
}

/** Resolves once Prism answers HTTP at all (its 404 for "/" will do); fails loudly if it exits or hangs. */
async function waitForPrism(child: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `Prism exited (${child.exitCode ?? child.signalCode}) before answering:\n${prismSaid()}`,
      );
    }
    try {
      const answer = await request(`${origin}/`);
      await answer.body.dump();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`Prism did not answer within ${START_TIMEOUT_MS} ms:\n${prismSaid()}`);
}

/** Adds Prism's log (its validation findings) to a failure. */
async function explained<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    throw new Error(`${(error as Error).message}\nPrism said:\n${prismSaid()}`, { cause: error });
  }
}

beforeAll(async () => {
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  // One process: the multi-process mode (on when NODE_ENV=production) forks a worker a kill would orphan.
  prism = spawn(
    PRISM,
    ["mock", "-h", "127.0.0.1", "-p", String(port), "--errors", "--multiprocess=false", SPEC],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  prism.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  prism.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  prism.on("error", (error) => {
    output += `\nspawn failed: ${error.message}`;
  });
  await waitForPrism(prism);
  dispatcher = new Agent();
  client = createCloudClient({
    // Prism matches any {Version}; v23.0 is the spec's own.
    graphUrl: `${origin}/v23.0`,
    phoneNumberId: PHONE_NUMBER_ID,
    token: "EAAGm0PX4ZCpsBAprismTestToken",
    dispatcher,
    timeoutMs: 5_000,
    logger: captureLogger("warn"),
  });
}, 20_000);

afterAll(async () => {
  await client?.close();
  await dispatcher?.close();
  if (prism !== undefined && prism.exitCode === null && prism.signalCode === null) {
    const exited = once(prism, "exit");
    prism.kill("SIGTERM");
    const timer = setTimeout(() => prism?.kill("SIGKILL"), 3_000);
    await exited;
    clearTimeout(timer);
  }
});

describe("the Cloud client against Meta's OpenAPI spec (Prism)", () => {
  it("is checked: Prism refuses a request that breaks the spec (no Content-Type on GET)", async () => {
    const answer = await request(`${origin}/v23.0/${PHONE_NUMBER_ID}/block_users?limit=1`, {
      headers: { authorization: "Bearer EAAGm0PX4ZCpsBAprismTestToken", "user-agent": "wa-moderator/0.1.0" },
    });
    const body = (await answer.body.json()) as { validation?: Array<{ message: string }> };

    expect(answer.statusCode).toBe(422);
    expect(JSON.stringify(body.validation)).toContain("content-type");
  });

  it("blocks a phone number", async () => {
    await expect(explained(client.block({ e164: "+16505551234" }))).resolves.toEqual({ resent: false });
  });

  it("unblocks a phone number and a BSUID", async () => {
    await expect(explained(client.unblock({ e164: "+16505551234" }))).resolves.toEqual({ resent: false });
    // Prism answers with the spec's phone-number example; the client takes a lone removed row as its user's.
    await expect(explained(client.unblock({ bsuid: "US.13491208655302741918" }))).resolves.toEqual({
      resent: false,
    });
  });

  it("reads a blocklist page, with Next from the cursor of a full page", async () => {
    const full = await explained(client.blocklistPage({ kind: "cursor", limit: 1 }));
    const short = await explained(client.blocklistPage({ kind: "cursor", limit: 15, after: SPEC_CURSOR }));

    expect(full).toEqual({
      contacts: [{ waId: "16505551234" }],
      next: { kind: "cursor", limit: 1, after: SPEC_CURSOR },
    });
    expect(short).toEqual({ contacts: [{ waId: "16505551234" }] });
  });

  it("pings", async () => {
    await expect(explained(client.ping())).resolves.toBeUndefined();
  });

  // Last: Prism logs a little after it answers. Warnings would not have failed a call, so they are counted too.
  it("left Prism nothing to warn about: only the deliberate violation failed validation", async () => {
    const clientCalls = 6; // block, 2 unblocks, 2 pages, ping
    const count = (text: string) => output.split(text).length - 1;
    for (let tries = 0; tries < 20 && count("passed the validation rules") < clientCalls; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    expect(count("passed the validation rules"), prismSaid()).toBe(clientCalls);
    expect(count("did not pass the validation rules"), prismSaid()).toBe(1);
  });
});
