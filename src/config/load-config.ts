import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import dotenv from "dotenv";
import { ConfigError, type ConfigIssue, formatConfigProblems } from "./errors.js";
import { configSchema } from "./schema.js";
import type { Config } from "./types.js";
import { ENV_VARIABLES, isEnvVariable, VARIABLES } from "./variables.js";

export { ConfigError, type ConfigIssue, formatConfigProblems } from "./errors.js";
export type { Config, WaBackendName } from "./types.js";

type Env = Record<string, string | undefined>;

/** Validates the whole environment; throws a ConfigError listing every problem, in `.env.example` order. */
export function loadConfig(env: Env): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  // Built from the messages only: zod's issues also carry the raw input, secrets included.
  const issues = result.error.issues.map((issue): ConfigIssue => {
    const variable = String(issue.path[0]);
    const example = isEnvVariable(variable)
      ? `${variable}=${VARIABLES[variable].example}`
      : "see .env.example";
    return { variable, problem: issue.message, example };
  });
  const rank = (issue: ConfigIssue): number => ENV_VARIABLES.indexOf(issue.variable);
  throw new ConfigError(issues.sort((a, b) => rank(a) - rank(b)));
}

/**
 * Start-up: the environment plus `.env` from the working directory when there is one (a variable set in the
 * environment wins). On a problem, prints every one to stderr and exits 1: an operator needs the list, not a
 * stack trace.
 */
export function loadConfigOrExit(env: Env = process.env): Config {
  const set = Object.entries(env).filter(([, value]) => value !== undefined);
  try {
    return loadConfig({ ...readDotEnv(), ...Object.fromEntries(set) });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${formatConfigProblems(error)}\n`);
    return process.exit(1);
  }
}

function readDotEnv(): Record<string, string> {
  const path = resolve(".env");
  return existsSync(path) ? dotenv.parse(readFileSync(path)) : {};
}
