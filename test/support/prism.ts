import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { request } from "undici";
import { freePort } from "./free-port.js";

/**
 * Meta's own OpenAPI spec of the Cloud API (test/fixtures/openapi) served by Stoplight Prism with --errors: Prism
 * answers 401/415/422 instead of the spec's example whenever a request breaks the spec (headers included), and
 * logs each request's validation, which `validations` counts.
 */
export interface PrismServer {
  /** `http://127.0.0.1:<port>`; Prism matches any `{Version}` path segment. */
  origin: string;
  /** Prism's recent output, for a failure message. */
  said(): string;
  /** How many requests Prism has logged as passing and as failing its validation so far. */
  validations(): { passed: number; failed: number };
  /** Waits (briefly) until Prism has logged `passed` passing validations: it logs a little after it answers. */
  settle(passed: number): Promise<void>;
  close(): Promise<void>;
}

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const PRISM = `${ROOT}node_modules/.bin/prism`;
const OPENAPI_SPEC = `${ROOT}test/fixtures/openapi/business-messaging-api_v23.0.yaml`;
const START_TIMEOUT_MS = 15_000;

export async function startPrism(): Promise<PrismServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  let output = "";
  // One process: the multi-process mode (on when NODE_ENV=production) forks a worker a kill would orphan.
  const child = spawn(
    PRISM,
    ["mock", "-h", "127.0.0.1", "-p", String(port), "--errors", "--multiprocess=false", OPENAPI_SPEC],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  child.on("error", (error) => {
    output += `\nspawn failed: ${error.message}`;
  });
  const said = () => output.split("\n").slice(-30).join("\n");
  const count = (text: string) => output.split(text).length - 1;
  const validations = () => ({
    passed: count("passed the validation rules"),
    failed: count("did not pass the validation rules"),
  });
  try {
    await waitForAnswer(child, origin, said);
  } catch (error) {
    await stop(child);
    throw error;
  }
  return {
    origin,
    said,
    validations,
    async settle(passed) {
      for (let tries = 0; tries < 20 && validations().passed < passed; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () => stop(child),
  };
}

/** Resolves once Prism answers HTTP at all (its 404 for "/" will do); fails loudly if it exits or hangs. */
async function waitForAnswer(child: ChildProcess, origin: string, said: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Prism exited (${child.exitCode ?? child.signalCode}) before answering:\n${said()}`);
    }
    try {
      const answer = await request(`${origin}/`);
      await answer.body.dump();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`Prism did not answer within ${START_TIMEOUT_MS} ms:\n${said()}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
  await exited;
  clearTimeout(timer);
}
