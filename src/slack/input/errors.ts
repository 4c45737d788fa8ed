import { AppError } from "../../common/app-error.js";

/** What was typed after /wa-check does not fit any form; `message` says what is wrong. */
export class CommandUsageError extends AppError {
  readonly code = "command_usage";
}

/** A button or modal carried a value this version cannot read (an old message, or a tampered payload). */
export class StaleInteractionError extends AppError {
  readonly code = "stale_interaction";

  constructor(
    message: string,
    /** What could not be read, so the answer says what to do again. */
    readonly surface: "button" | "form" = "button",
  ) {
    super(message);
  }
}
