import { AppError } from "../common/app-error.js";
import { redact } from "../log/logger.js";

const EXAMPLES =
  "sqlite://./data/wa-moderator.sqlite, redis://127.0.0.1:6379 or postgres://user@127.0.0.1:5432/db";

/** STORE_URL names no store we can open: unknown scheme, unparseable, missing path. */
export class StoreUrlError extends AppError {
  readonly code = "store_url_invalid";

  constructor(problem: string) {
    super(`STORE_URL ${problem}; use e.g. ${EXAMPLES}`);
  }
}

/** The store did not answer: at start (the app cannot run without it) or on a health check. */
export class StoreUnavailableError extends AppError {
  readonly code = "store_unavailable";
  readonly displayUrl: string;

  constructor(displayUrl: string, cause: unknown) {
    // Driver messages name hosts and users, not passwords; redact() still guards against one slipping through.
    const reason = cause instanceof Error && cause.message !== "" ? `: ${redact(cause.message)}` : "";
    super(`the store at ${displayUrl} is unavailable${reason}`, { cause });
    this.displayUrl = displayUrl;
  }
}
