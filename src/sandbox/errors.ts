import { AppError } from "../common/app-error.js";

/** The seed (object or JSON file) is unreadable or does not match the seed schema. */
export class SandboxSeedError extends AppError {
  readonly code = "sandbox_seed_invalid";
}

/**
 * A failure the emulated server answers with: the HTTP status plus one `errors[]` entry, as the real server does.
 * Handlers throw it; the router turns it into the envelope.
 */
export class SandboxApiFailure extends AppError {
  readonly code = "sandbox_api_failure";

  constructor(
    readonly answer: Readonly<{ httpStatus: number; waCode: number; title: string; details: string }>,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(`${answer.waCode} ${answer.title}: ${answer.details}`);
  }
}

/** A control call (simulateInbound, setApiVersion, faults) got something the sandbox cannot use. */
export class SandboxInputError extends AppError {
  readonly code = "sandbox_bad_input";
}

/** The sandbox's state file (in the data folder) could not be locked or written. */
export class SandboxStateFileError extends AppError {
  readonly code = "sandbox_state_file";
}
