import { redact } from "../log/logger.js";
import { sendJson } from "./respond.js";
import { asyncRoute, type RouteHandler } from "./route-handler.js";

export interface HealthCheck {
  /** Shown to the operator: "store", "whatsapp". */
  name: string;
  /** Resolves when the dependency answers; its error message becomes the failing reason. */
  probe: () => Promise<void>;
}

export interface HealthFailure {
  name: string;
  reason: string;
}

// Under the usual 5 s probe timeout of orchestrators, so a hung dependency reads as "failing", not "no answer".
const DEFAULT_TIMEOUT_MS = 3_000;

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return redact(message);
}

async function runCheck(check: HealthCheck, timeoutMs: number): Promise<HealthFailure | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    // `Promise.resolve().then` also catches a probe that throws synchronously.
    await Promise.race([Promise.resolve().then(check.probe), timeout]);
    return undefined;
  } catch (error) {
    return { name: check.name, reason: reasonOf(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** GET /healthz: 200 {"ok":true} when every probe answers in time, else 503 with what is failing and why. */
export function createHealthHandler(deps: { checks: HealthCheck[]; timeoutMs?: number }): RouteHandler {
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return asyncRoute(async (_req, res) => {
    const results = await Promise.all(deps.checks.map((check) => runCheck(check, timeoutMs)));
    const failing = results.filter((result): result is HealthFailure => result !== undefined);
    if (failing.length === 0) sendJson(res, 200, { ok: true });
    else sendJson(res, 503, { ok: false, failing });
  });
}
