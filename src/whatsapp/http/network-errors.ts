import {
  WhatsAppConnectionError,
  type WhatsAppError,
  WhatsAppTimeoutError,
  WhatsAppTlsError,
} from "../errors.js";

/** undici and Node report what went wrong in `error.code`; messages vary between versions, codes do not. */

const TIMEOUT_CODES = new Set(["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);

/** Failures before any byte of the request left: replaying cannot do anything twice. */
const NEVER_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** Connection failures that may go away on the next attempt (the rest, e.g. a closed dispatcher, will not). */
const TRANSIENT_CODES = new Set([...NEVER_SENT_CODES, "ECONNRESET", "EPIPE", "ETIMEDOUT", "UND_ERR_SOCKET"]);

const UNTRUSTED_CERT_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_UNTRUSTED",
  "CERT_SIGNATURE_FAILURE",
]);

/**
 * The settings that point a client at its server, named in TLS hints so an operator is told what to change
 * (docs/CONTRACT.md §2). Only a backend that reads a CA bundle names one: elsewhere that advice would be wrong.
 */
export interface ServerSettings {
  /** The variable holding the base URL: "WA_API_URL", "WA_GRAPH_URL". */
  readonly urlVariable: string;
  /** The variable naming a PEM bundle to trust ("WA_CA_FILE"), when the backend reads one. */
  readonly caFileVariable?: string | undefined;
}

function untrustedHint(settings: ServerSettings): string {
  if (settings.caFileVariable !== undefined) {
    return `trust the server's certificate with ${settings.caFileVariable}`;
  }
  return (
    `the server's certificate is not trusted: check that ${settings.urlVariable} names the right host, and ` +
    "that a proxy re-signing TLS on the way has its CA trusted by Node (NODE_EXTRA_CA_CERTS)"
  );
}

function tlsHint(code: string, settings: ServerSettings): string | undefined {
  if (UNTRUSTED_CERT_CODES.has(code)) return untrustedHint(settings);
  if (code === "CERT_HAS_EXPIRED" || code === "CERT_NOT_YET_VALID") {
    return "the server's certificate is outside its validity dates; renew it on the server";
  }
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
    return `the certificate does not name the host in ${settings.urlVariable}; use the host name it was issued for`;
  }
  if (code.startsWith("ERR_SSL_") || code.startsWith("ERR_TLS_")) {
    return `check that ${settings.urlVariable} has the right scheme (https) and port`;
  }
  return undefined;
}

export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/**
 * Turns what undici threw into the WhatsAppError a caller can act on; the original stays as `cause`. A TLS
 * failure's hint names the caller's own `settings`.
 */
export function toWhatsAppError(error: unknown, timeoutMs: number, settings: ServerSettings): WhatsAppError {
  const code = errorCode(error) ?? "unknown";
  if (TIMEOUT_CODES.has(code)) {
    return new WhatsAppTimeoutError(`WhatsApp did not answer within ${timeoutMs} ms (${code})`, {
      cause: error,
      neverSent: NEVER_SENT_CODES.has(code),
    });
  }
  const hint = tlsHint(code, settings);
  if (hint !== undefined) {
    return new WhatsAppTlsError(`TLS with WhatsApp failed (${code}): ${hint}`, { cause: error });
  }
  return new WhatsAppConnectionError(`could not reach WhatsApp (${code})`, {
    cause: error,
    neverSent: NEVER_SENT_CODES.has(code),
  });
}

/** True for connection failures worth another attempt of an idempotent call. */
export function isTransientConnectionError(error: WhatsAppError): boolean {
  const code = errorCode(error.cause);
  return error instanceof WhatsAppConnectionError && code !== undefined && TRANSIENT_CODES.has(code);
}
