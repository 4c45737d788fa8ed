import { AppError } from "../common/app-error.js";

/** One thing wrong with the environment, worded for the operator who has to fix it. */
export interface ConfigIssue {
  variable: string;
  /** What is wrong; never contains a secret's value. */
  problem: string;
  /** A good value, as a `.env` line: "SLACK_BOT_TOKEN=xoxb-1234-5678-abcd". */
  example: string;
}

/** The environment is not usable; `issues` lists every problem found, not just the first. */
export class ConfigError extends AppError {
  readonly code = "config_invalid";
  readonly issues: ConfigIssue[];

  constructor(issues: ConfigIssue[]) {
    super(
      `invalid configuration: ${issues.map((issue) => `${issue.variable}: ${issue.problem}`).join("; ")}`,
    );
    this.issues = issues;
  }
}

/** The text an operator sees at start: one line per problem, then where every variable is described. */
export function formatConfigProblems(error: ConfigError): string {
  const count = error.issues.length === 1 ? "1 problem" : `${error.issues.length} problems`;
  return [
    `wa-moderator cannot start: ${count} in the environment (process environment or .env):`,
    ...error.issues.map((issue) => `  ${issue.variable}: ${issue.problem} (example: ${issue.example})`),
    "Every variable is described, with its default, in .env.example.",
  ].join("\n");
}
