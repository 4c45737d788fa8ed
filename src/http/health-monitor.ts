import { redact } from "../log/logger.js";

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

/** The probes' last results. */
export interface HealthState {
  failing: HealthFailure[];
}

export interface HealthMonitor {
  /** The last results; the first call starts the probing and waits for its first round. */
  current(): Promise<HealthState>;
  /** Stops probing (the bot is stopping). */
  stop(): void;
}

export interface HealthMonitorOptions {
  checks: HealthCheck[];
  /** Pause between the end of one round of probes and the start of the next (at most 1 s after a failing one). */
  intervalMs?: number;
  /** A probe not answering within this counts as failing. */
  timeoutMs?: number;
}

// Every few seconds (docs/CONTRACT.md §8): fresh enough for an orchestrator polling every 10 s, and a WhatsApp
// ping every 5 s is nothing beside the 20 requests a second the contacts calls may use.
const DEFAULT_INTERVAL_MS = 5_000;
// After a failing round the probes run again sooner, so a replica is back in rotation soon after its dependency.
const FAILING_INTERVAL_MS = 1_000;
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

/**
 * Runs the health probes in the background, one round when first asked and then every `intervalMs`, and keeps
 * their last results, so that /healthz answers at once from memory: it never waits on the store or WhatsApp,
 * never queues behind the checks' rate limit, and however often it is asked, the dependencies are probed at the
 * same pace.
 */
export function createHealthMonitor(options: HealthMonitorOptions): HealthMonitor {
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let latest: HealthState | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const round = async (): Promise<HealthState> => {
    const results = await Promise.all(options.checks.map((check) => runCheck(check, timeoutMs)));
    latest = { failing: results.filter((result): result is HealthFailure => result !== undefined) };
    if (!stopped) {
      const pause = latest.failing.length > 0 ? Math.min(intervalMs, FAILING_INTERVAL_MS) : intervalMs;
      timer = setTimeout(() => void round(), pause);
      // Probing never keeps the process alive on its own.
      timer.unref();
    }
    return latest;
  };
  // The first request starts the probing: a bot that never got to serve (its start failed) probes nothing.
  let first: Promise<HealthState> | undefined;

  return {
    current: async () => {
      first ??= round();
      return latest ?? first;
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
