import { randomBytes } from "node:crypto";
import { AppError } from "../../common/app-error.js";

/** Graph's error object, as in `{"error": {...}}` (docs/CONTRACT.md, Cloud API facts). */
export interface GraphError {
  message: string;
  type: string;
  code: number;
  error_subcode?: number;
  error_data?: { details: string };
  is_transient?: boolean;
  fbtrace_id: string;
}

export interface GraphErrorExtras {
  /** Default "OAuthException", Graph's type for nearly everything. */
  type?: string;
  subcode?: number;
  details?: string;
  transient?: boolean;
}

/** Graph's trace id: an opaque string like "AXsgnV2Cm3ZMGF3dF_cfYIn". */
export function fbtraceId(): string {
  return `A${randomBytes(17).toString("base64url").slice(0, 22)}`;
}

export function graphError(code: number, message: string, extras: GraphErrorExtras = {}): GraphError {
  return {
    message,
    type: extras.type ?? "OAuthException",
    code,
    ...(extras.subcode === undefined ? {} : { error_subcode: extras.subcode }),
    ...(extras.details === undefined ? {} : { error_data: { details: extras.details } }),
    ...(extras.transient === undefined ? {} : { is_transient: extras.transient }),
    fbtrace_id: fbtraceId(),
  };
}

/**
 * A failure the emulated Graph answers with: the HTTP status and `{...before, error}`. Handlers throw it; the Cloud
 * dialect writes it.
 */
export class GraphFailure extends AppError {
  readonly code = "sandbox_graph_failure";
  readonly httpStatus: number;
  readonly error: GraphError;
  readonly headers: Readonly<Record<string, string>>;
  /** Fields written before `error`, e.g. `messaging_product` on 139102. */
  readonly before: Readonly<Record<string, unknown>>;

  constructor(
    httpStatus: number,
    error: GraphError,
    options: { headers?: Record<string, string>; before?: Record<string, unknown> } = {},
  ) {
    super(`(${error.code}) ${error.message}`);
    this.httpStatus = httpStatus;
    this.error = error;
    this.headers = options.headers ?? {};
    this.before = options.before ?? {};
  }

  body(): Record<string, unknown> {
    return { ...this.before, error: this.error };
  }
}

const INVALID_TOKEN = "Invalid OAuth access token - Cannot parse access token";

export const graphErrors = {
  /** 401 with code 190, and the WWW-Authenticate header Graph sends with it. */
  invalidToken: (missing: boolean) =>
    new GraphFailure(
      401,
      graphError(190, missing ? "An access token is required to request this resource" : INVALID_TOKEN),
      { headers: { "www-authenticate": `OAuth "Facebook Platform" "invalid_token" "${INVALID_TOKEN}"` } },
    ),
  parameter: (details: string) => new GraphFailure(400, graphError(100, `(#100) ${details}`)),
  /** The path names a phone number id this sandbox is not. */
  unknownObject: (method: string, id: string) =>
    new GraphFailure(
      400,
      graphError(
        100,
        `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due ` +
          "to missing permissions, or does not support this operation.",
        { type: "GraphMethodException", subcode: 33 },
      ),
    ),
  unknownPath: (path: string) =>
    new GraphFailure(
      400,
      graphError(2500, `Unknown path components: ${path} (the sandbox emulates block_users only)`),
    ),
  rateLimited: () =>
    new GraphFailure(
      429,
      graphError(130429, "(#130429) Rate limit hit", { details: "Too many requests: retry later" }),
    ),
  concurrentUpdate: () =>
    new GraphFailure(
      400,
      graphError(139102, "(#139102) Blocklist concurrent update", {
        details: "Blocklist was updated during retrieval - retry with offset 0",
      }),
      { before: { messaging_product: "whatsapp" } },
    ),
  internal: () =>
    new GraphFailure(
      500,
      graphError(1, "An unexpected error occurred. Please retry your request", { transient: true }),
    ),
};
