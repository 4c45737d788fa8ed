import { AppError } from "../common/app-error.js";

/** Every failure of a call to WhatsApp. Messages never contain credentials or tokens. */
export abstract class WhatsAppError extends AppError {}

export interface ApiErrorDetail {
  code: number;
  title: string;
  details?: string;
}

/** The server answered with `errors[]` (even with HTTP 200) or a Graph `error`. */
export class WhatsAppApiError extends WhatsAppError {
  readonly code = "wa_api_error";
  readonly waCode: number;
  readonly title: string;
  readonly details: string | undefined;
  readonly httpStatus: number;
  /** Seconds, from Retry-After, when the server gave one. */
  readonly retryAfter: number | undefined;
  /** Graph's `fbtrace_id` (cloud), which Meta support asks for. */
  readonly fbtraceId: string | undefined;
  /** An earlier attempt of the same request got no answer, so it may have gone through before this failure. */
  readonly mayHaveGoneThrough: boolean;

  constructor(
    detail: ApiErrorDetail & {
      httpStatus: number;
      retryAfter?: number | undefined;
      fbtraceId?: string | undefined;
      mayHaveGoneThrough?: boolean | undefined;
    },
    options?: { cause?: unknown },
  ) {
    super(
      `WhatsApp error ${detail.code} ${detail.title}${detail.details ? `: ${detail.details}` : ""}`,
      options,
    );
    this.waCode = detail.code;
    this.title = detail.title;
    this.details = detail.details;
    this.httpStatus = detail.httpStatus;
    this.retryAfter = detail.retryAfter;
    this.fbtraceId = detail.fbtraceId;
    this.mayHaveGoneThrough = detail.mayHaveGoneThrough ?? false;
  }
}

/** WhatsApp gave no answer: the request may or may not have reached it, unless `neverSent` says it cannot have. */
export abstract class WhatsAppNoAnswerError extends WhatsAppError {
  /** True when the request certainly never reached the server (refused, unresolved, a connect timeout). */
  readonly neverSent: boolean;

  constructor(message: string, options: { cause?: unknown; neverSent?: boolean } = {}) {
    super(message, options);
    this.neverSent = options.neverSent ?? false;
  }
}

/**
 * Not sent: WhatsApp's rate limit, shared by every replica (docs/CONTRACT.md §8), had no turn for this call within
 * the time its action had left. Nothing reached WhatsApp, and retrying at once would find no earlier turn.
 */
export class WhatsAppBusyError extends WhatsAppNoAnswerError {
  readonly code = "wa_busy";

  constructor(message: string) {
    super(message, { neverSent: true });
  }
}

/** No answer within WA_TIMEOUT_MS (or the overall retry budget ran out waiting). */
export class WhatsAppTimeoutError extends WhatsAppNoAnswerError {
  readonly code = "wa_timeout";
}

/** Connection refused, reset, DNS failure: the request may or may not have reached the server. */
export class WhatsAppConnectionError extends WhatsAppNoAnswerError {
  readonly code = "wa_connection";
}

/** The TLS handshake failed (self-signed certificate not trusted: set WA_CA_FILE). */
export class WhatsAppTlsError extends WhatsAppError {
  readonly code = "wa_tls";
}

/** The body was not the JSON envelope we expect (an HTML 502 page, a truncated body, a schema mismatch). */
export class WhatsAppBadResponseError extends WhatsAppError {
  readonly code = "wa_bad_response";
  readonly httpStatus: number;

  constructor(message: string, httpStatus: number, options?: { cause?: unknown }) {
    super(message, options);
    this.httpStatus = httpStatus;
  }
}

/** Login failed, or a 401 persisted after one fresh login. */
export class WhatsAppAuthError extends WhatsAppError {
  readonly code = "wa_auth";
}

/** The backend cannot do this at all (cloud has no upstream contact check). */
export class WhatsAppUnsupportedError extends WhatsAppError {
  readonly code = "wa_unsupported";
}

/** WhatsApp error codes with a meaning the app words specially. */
export const WaErrorCode = {
  GenericError: 1000,
  ParameterInvalid: 1009,
  TooManyRequests: 1015,
  Overloaded: 1016,
  UserNotValid: 1013,
  NotEngaged: 2048,
  // Cloud (Graph) codes.
  GraphTransient: 2,
  GraphRateLimit: 4,
  GraphUserRateLimit: 17,
  GraphParameter: 100,
  GraphToken: 190,
  GraphPermission: 10,
  GraphPermissionDenied: 200,
  GraphBusinessRateLimit: 80007,
  CloudRateLimit: 130429,
  CloudNotEngaged: 131047,
  CloudSelfBlock: 131021,
  CloudSomeUsersFailed: 139100,
  CloudBlocklistFull: 139101,
  CloudBlocklistChanged: 139102,
  CloudInternal: 139103,
} as const;
