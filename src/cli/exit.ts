import { AppError } from "../common/app-error.js";

/** Exit statuses of the operator CLI (docs/CONTRACT.md §10): success, something failed, bad usage. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * The command was called wrongly, before anything was done: a file that cannot be read, a CSV header without a
 * `number` column, an output folder that does not exist. Exit status 2.
 */
export class UsageError extends AppError {
  readonly code = "cli_usage";
}
