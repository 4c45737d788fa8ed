import { Agent, request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WhatsAppBackend } from "../../../src/whatsapp/backend.js";
import { createCloudClient } from "../../../src/whatsapp/cloud/index.js";
import { captureLogger } from "../../support/capture-logger.js";
import { type PrismServer, startPrism } from "../../support/prism.js";

/**
 * The client against Meta's own OpenAPI spec (test/fixtures/openapi), served by Stoplight Prism with --errors:
 * Prism answers 401/415/422 instead of the spec's example whenever a request breaks the spec (headers
 * included), so each passing call here is one Prism found nothing wrong with. Prism answers every call with the
 * spec's example whatever was sent, so the results asserted are those examples.
 */

const PHONE_NUMBER_ID = "106540352242922";
/** The cursor of the spec's GetBlockedUsersResponse example. */
const OPENAPI_CURSOR = "eyJvZAmZAzZAXQiOjAsInZAlcnNpb25JZACI6IjE3Mzc2Nzk2ODgzODM1ODQifQZDZD";

let prism: PrismServer | undefined;
let dispatcher: Agent | undefined;
let client: WhatsAppBackend;

/** Adds Prism's log (its validation findings) to a failure. */
async function explained<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    throw new Error(`${(error as Error).message}\nPrism said:\n${prism?.said()}`, { cause: error });
  }
}

beforeAll(async () => {
  prism = await startPrism();
  dispatcher = new Agent();
  client = createCloudClient({
    // Prism matches any {Version}; v23.0 is the spec's own.
    graphUrl: `${prism.origin}/v23.0`,
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
  await prism?.close();
});

describe("the Cloud client against Meta's OpenAPI spec (Prism)", () => {
  it("is checked: Prism refuses a request that breaks the spec (no Content-Type on GET)", async () => {
    const answer = await request(`${prism?.origin}/v23.0/${PHONE_NUMBER_ID}/block_users?limit=1`, {
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
    const short = await explained(client.blocklistPage({ kind: "cursor", limit: 15, after: OPENAPI_CURSOR }));

    expect(full).toEqual({
      contacts: [{ waId: "16505551234" }],
      next: { kind: "cursor", limit: 1, after: OPENAPI_CURSOR },
    });
    expect(short).toEqual({ contacts: [{ waId: "16505551234" }] });
  });

  it("pings", async () => {
    await expect(explained(client.ping())).resolves.toBeUndefined();
  });

  // Last: Prism logs a little after it answers. Warnings would not have failed a call, so they are counted too.
  it("left Prism nothing to warn about: only the deliberate violation failed validation", async () => {
    const clientCalls = 6; // block, 2 unblocks, 2 pages, ping
    await prism?.settle(clientCalls);

    expect(prism?.validations(), prism?.said()).toEqual({ passed: clientCalls, failed: 1 });
  });
});
