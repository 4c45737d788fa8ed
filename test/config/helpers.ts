import { ConfigError, type ConfigIssue, loadConfig } from "../../src/config/load-config.js";

export type Env = Record<string, string | undefined>;

/** The smallest environment that starts: HTTP mode against the built-in sandbox. */
export const MINIMAL_ENV: Env = {
  SLACK_BOT_TOKEN: "xoxb-1111-2222-abcd",
  SLACK_SIGNING_SECRET: "signing-secret-1",
};

/** Every problem loadConfig reports for `env` (none when it loads). */
export function problemsOf(env: Env): ConfigIssue[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
}

/** The problem reported for one variable, on top of the minimal environment. */
export function problemWith(overrides: Env, variable: string): string | undefined {
  return problemsOf({ ...MINIMAL_ENV, ...overrides }).find((issue) => issue.variable === variable)?.problem;
}

export function variablesWithProblems(env: Env): string[] {
  return problemsOf(env).map((issue) => issue.variable);
}
