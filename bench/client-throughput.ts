import { type Dispatcher, request } from "undici";
import { createLogger } from "../src/log/logger.js";
import { type SandboxHandle, startSandbox } from "../src/sandbox/index.js";
import type { WhatsAppBackend } from "../src/whatsapp/backend.js";
import { createDispatcher, createOnPremClient, NO_RETRY_POLICY } from "../src/whatsapp/onprem/index.js";
import { median } from "./median.js";
import { perSecond, runAtConcurrency } from "./support/fixed-concurrency.js";

/**
 * What the On-Premises client costs over a bare undici request: the same single-number `wait` contact checks
 * against the in-process sandbox (rate limit off), once through createOnPremClient (no retries, no limiter) and
 * once as a hand-written POST /v1/contacts with a bearer token fetched once. Both use a keep-alive Agent with the
 * same settings. The two alternate over several rounds (ABBA order) so machine drift hits both alike. The last
 * line is the median of the rounds' client/bare ratios; the exit code is 1 when it is under the target.
 *
 *   npx tsx bench/client-throughput.ts
 */

const CHECKS_PER_RUN = 2_000;
const WARM_UP_CHECKS = 2_000;
const CONCURRENCY = 16;
const ROUNDS = 6;
const TARGET_RATIO = 0.85;

type CheckOne = (e164: string) => Promise<void>;
type Side = "client" | "bare";

function assertValid(status: string | undefined, e164: string): void {
  if (status !== "valid") throw new Error(`${e164} answered ${status ?? "nothing"}; expected valid`);
}

function viaClient(client: WhatsAppBackend): CheckOne {
  return async (e164) => {
    const outcome = await client.checkContacts([e164], { blocking: "wait" });
    assertValid(outcome.results[0]?.status, e164);
  };
}

async function bearerToken(sandbox: SandboxHandle, dispatcher: Dispatcher): Promise<string> {
  const basic = Buffer.from(`${sandbox.username}:${sandbox.password}`).toString("base64");
  const response = await request(`${sandbox.url}/v1/users/login`, {
    dispatcher,
    method: "POST",
    headers: { authorization: `Basic ${basic}` },
  });
  const body = (await response.body.json()) as { users?: Array<{ token?: string }> };
  const token = body.users?.[0]?.token;
  if (response.statusCode !== 200 || token === undefined) {
    throw new Error(`login failed with HTTP ${response.statusCode}`);
  }
  return token;
}

function viaBareRequest(url: string, token: string, dispatcher: Dispatcher): CheckOne {
  const headers = {
    authorization: `Bearer ${token}`,
    "content-type": "application/json",
    accept: "application/json",
  };
  return async (e164) => {
    const response = await request(`${url}/v1/contacts`, {
      dispatcher,
      method: "POST",
      headers,
      body: JSON.stringify({ blocking: "wait", contacts: [e164], force_check: false }),
    });
    const answer = (await response.body.json()) as { contacts?: Array<{ status?: string }> };
    if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode} for ${e164}`);
    assertValid(answer.contacts?.[0]?.status, e164);
  };
}

/** Milliseconds to run `checks` checks of the known numbers, round-robin, at the fixed concurrency. */
function timed(checks: number, numbers: string[], check: CheckOne): Promise<number> {
  return runAtConcurrency(checks, CONCURRENCY, (index) => check(numbers[index % numbers.length] ?? ""));
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({ rateLimit: false });
  const clientAgent = createDispatcher({ connections: CONCURRENCY });
  const bareAgent = createDispatcher({ connections: CONCURRENCY });
  const client = createOnPremClient({
    baseUrl: sandbox.url,
    name: "sandbox",
    dispatcher: clientAgent,
    auth: { username: sandbox.username, password: sandbox.password },
    timeoutMs: 10_000,
    retry: NO_RETRY_POLICY,
    rateLimit: false,
    logger: createLogger("info", "bench"),
  });
  try {
    // Every seeded user, so each check after the warm-up is a server-side cache hit, as for a re-check.
    const numbers = [...sandbox.state.users.keys()].map((waId) => `+${waId}`);
    const viaEach = {
      client: viaClient(client),
      bare: viaBareRequest(sandbox.url, await bearerToken(sandbox, bareAgent), bareAgent),
    };
    const totalMs = { client: 0, bare: 0 };
    const roundRatios: number[] = [];

    console.log(
      `client-throughput: ${ROUNDS} rounds of ${CHECKS_PER_RUN} single-number wait checks per side, ` +
        `concurrency ${CONCURRENCY}, sandbox in this process (rate limit off)`,
    );
    for (const check of Object.values(viaEach)) await timed(WARM_UP_CHECKS, numbers, check);

    for (let round = 1; round <= ROUNDS; round += 1) {
      const order: Side[] = round % 2 === 1 ? ["client", "bare"] : ["bare", "client"];
      const roundMs = { client: 0, bare: 0 };
      for (const side of order) roundMs[side] = await timed(CHECKS_PER_RUN, numbers, viaEach[side]);
      totalMs.client += roundMs.client;
      totalMs.bare += roundMs.bare;
      roundRatios.push(roundMs.bare / roundMs.client);
      const rates = order.map((side) => `${side} ${perSecond(CHECKS_PER_RUN, roundMs[side])} req/s`);
      console.log(`round ${round}: ${rates.join(", ")}`);
    }

    const checks = ROUNDS * CHECKS_PER_RUN;
    for (const side of ["client", "bare"] as const) {
      const seconds = (totalMs[side] / 1000).toFixed(2);
      console.log(`${side}: ${perSecond(checks, totalMs[side])} req/s (${checks} checks in ${seconds} s)`);
    }
    // The median of the rounds' ratios: a burst of load from elsewhere on the machine skews one round, not all.
    const ratio = median(roundRatios);
    console.log(`client/bare throughput ratio: ${ratio.toFixed(2)} (target >= ${TARGET_RATIO})`);
    if (ratio < TARGET_RATIO) process.exitCode = 1;
  } finally {
    await client.close();
    await sandbox.close();
    await Promise.all([clientAgent.close(), bareAgent.close()]);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
