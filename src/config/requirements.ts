import { WA_BACKENDS, type WaBackendName } from "./types.js";
import { type EnvVariable, missing } from "./variables.js";

/**
 * The variables after per-variable parsing. These rules run even when some variables failed (so every problem
 * is listed at once), which means a value may be a failed parse: only whether it is set can be relied on.
 */
export type ParsedVariables = Readonly<Partial<Record<EnvVariable, unknown>>>;

export type ReportProblem = (variable: EnvVariable, problem: string) => void;

/** What each backend cannot work without, and what the relay adds (docs/CONTRACT.md §2). */
const BACKEND_NEEDS: Record<WaBackendName, { always: EnvVariable[]; withRelay: EnvVariable[] }> = {
  onprem: { always: ["WA_API_URL", "WA_DEFAULT_COUNTRY"], withRelay: ["WEBHOOK_SECRET"] },
  cloud: {
    always: ["WA_PHONE_NUMBER_ID", "WA_TOKEN", "WA_DEFAULT_COUNTRY"],
    withRelay: ["WA_APP_SECRET", "WA_VERIFY_TOKEN"],
  },
  sandbox: { always: [], withRelay: [] },
  "sandbox-cloud": { always: [], withRelay: [] },
};

/** Without WA_BACKEND: the sandbox, unless an On-Premises URL is given. */
export function defaultBackend(env: ParsedVariables): WaBackendName {
  return env.WA_API_URL === undefined ? "sandbox" : "onprem";
}

/** WA_BACKEND or its default; undefined when WA_BACKEND is not a backend this version carries. */
function resolveBackend(env: ParsedVariables): WaBackendName | undefined {
  if (env.WA_BACKEND === undefined) return defaultBackend(env);
  return WA_BACKENDS.find((backend) => backend === env.WA_BACKEND);
}

/** Variables required only by the value of others: Slack mode, WhatsApp backend, relay. */
export function checkRequirements(env: ParsedVariables, report: ReportProblem): void {
  const require = (variable: EnvVariable, neededWhen: string): void => {
    if (env[variable] === undefined) report(variable, missing(variable, neededWhen));
  };

  // Local mode (no bot token, docs/CONTRACT.md §9) signs its own requests with a random secret.
  if (env.SLACK_BOT_TOKEN !== undefined && env.SLACK_APP_TOKEN === undefined) {
    require("SLACK_SIGNING_SECRET", "needed in HTTP mode (or set SLACK_APP_TOKEN to use Socket Mode)");
  }

  // An unknown or unavailable WA_BACKEND is already a problem of its own; asking for what it needs would not help.
  const backend = resolveBackend(env);
  if (backend === undefined) return;
  const implied = env.WA_BACKEND === undefined ? ", the default when WA_API_URL is set" : "";
  const withBackend = `needed with WA_BACKEND=${backend}${implied}`;
  for (const variable of BACKEND_NEEDS[backend].always) require(variable, withBackend);
  if (backend === "onprem") requireLogin(env, report, withBackend);
  if (env.RELAY_CHANNEL !== undefined) {
    for (const variable of BACKEND_NEEDS[backend].withRelay) {
      require(variable, `needed when RELAY_CHANNEL is set with WA_BACKEND=${backend}`);
    }
  }
}

/** On-Premises logs in with WA_USERNAME and WA_PASSWORD, unless a static WA_TOKEN replaces the login. */
function requireLogin(env: ParsedVariables, report: ReportProblem, withBackend: string): void {
  if (env.WA_TOKEN !== undefined) return;
  const hasUser = env.WA_USERNAME !== undefined;
  const hasPassword = env.WA_PASSWORD !== undefined;
  if (!hasUser && !hasPassword) {
    report(
      "WA_USERNAME",
      `missing — set WA_USERNAME and WA_PASSWORD (the On-Premises login), or WA_TOKEN; ${withBackend}`,
    );
  } else if (!hasUser) {
    report("WA_USERNAME", missing("WA_USERNAME", "WA_PASSWORD is set without it"));
  } else if (!hasPassword) {
    report("WA_PASSWORD", missing("WA_PASSWORD", "WA_USERNAME is set without it"));
  }
}
