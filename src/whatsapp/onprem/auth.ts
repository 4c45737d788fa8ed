import { WhatsAppApiError, WhatsAppAuthError } from "../errors.js";
import { type Cancellation, raceCancellation } from "../http/cancellation.js";

export type OnPremAuth = { username: string; password: string } | { token: string };

/** What `POST /v1/users/login` gave: the token and when it stops working (wall-clock ms). */
export interface LoginAnswer {
  token: string;
  expiresAt: number;
}

/** Bearer tokens for every call but the login itself. */
export interface TokenSource {
  /**
   * A token believed valid now: the held one as is (no promise to await on every call), or a login's, which
   * the caller stops waiting for when `cancellation` aborts.
   */
  token(cancellation: Cancellation): string | Promise<string>;
  /** The server answered 401 to `token`: forget it. True when a fresh login is worth one more attempt. */
  refused(token: string): boolean;
  /** Says what to check when the server keeps refusing, naming settings but never their values. */
  readonly refusalHint: string;
}

/** Log in again this long before the token expires, so no call goes out with a token about to lapse. */
const REFRESH_MARGIN_MS = 5 * 60_000;
/** A token is reused for at least this long, even if the server's clock says it is already stale. */
const MIN_REUSE_MS = 60_000;

/** "2018-03-01 15:29:26+00:00" → epoch ms. */
export function parseExpiry(expiresAfter: string): number {
  return Date.parse(expiresAfter.replace(" ", "T"));
}

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
}

/**
 * A login the server refused becomes a WhatsAppAuthError; one it did not answer, or answered "too many
 * requests", keeps its own error so the moderator is not sent to check credentials that are fine.
 */
export function loginFailure(error: unknown): unknown {
  const refused =
    error instanceof WhatsAppAuthError ||
    (error instanceof WhatsAppApiError &&
      error.httpStatus >= 400 &&
      error.httpStatus < 500 &&
      error.httpStatus !== 429);
  if (!refused) return error;
  const status =
    error instanceof WhatsAppApiError ? ` (HTTP ${error.httpStatus}, ${error.waCode})` : " (HTTP 401)";
  return new WhatsAppAuthError(`WhatsApp login failed${status}: check WA_USERNAME and WA_PASSWORD`, {
    cause: error,
  });
}

export function createStaticTokenSource(token: string): TokenSource {
  return {
    token: () => token,
    refused: () => false,
    refusalHint: "WhatsApp refused the token in WA_TOKEN (HTTP 401): set a valid one",
  };
}

/**
 * Logs in with `login` when there is no token or it is near expiry. Concurrent callers share one login in
 * flight; each stops waiting when its own operation aborts, without cancelling the login for the others.
 */
export function createSessionTokenSource(login: () => Promise<LoginAnswer>, now: () => number): TokenSource {
  let held: { value: string; refreshAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  const startLogin = (): Promise<string> => {
    inFlight ??= login()
      .then((answer) => {
        const issuedAt = now();
        const margin = Math.min(REFRESH_MARGIN_MS, (answer.expiresAt - issuedAt) / 2);
        held = {
          value: answer.token,
          refreshAt: Math.max(issuedAt + MIN_REUSE_MS, answer.expiresAt - margin),
        };
        return answer.token;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };

  return {
    token(cancellation) {
      if (held !== undefined && now() < held.refreshAt) return held.value;
      return raceCancellation(startLogin(), cancellation);
    },
    refused(token) {
      // Only the first of several concurrent 401s for the same token drops it; the others reuse the new login.
      if (held?.value === token) held = undefined;
      return true;
    },
    refusalHint: "WhatsApp refused a freshly issued token (HTTP 401): check the WA_USERNAME account",
  };
}
