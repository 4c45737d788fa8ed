import { readFileSync } from "node:fs";
import { rootCertificates } from "node:tls";
import { Agent } from "undici";
import { WhatsAppTlsError } from "../errors.js";
import { errorCode } from "../http/network-errors.js";

export interface DispatcherOptions {
  /** WA_CA_FILE: a PEM bundle to trust, for an On-Premises node with a self-signed certificate. */
  caFile?: string;
  /** Sockets kept per origin; enough for the limiter's bursts without opening one per call. */
  connections?: number;
}

const DEFAULT_CONNECTIONS = 10;

function readCa(caFile: string): string {
  let pem: string;
  try {
    pem = readFileSync(caFile, "utf8");
  } catch (error) {
    throw new WhatsAppTlsError(
      `WA_CA_FILE (${caFile}) could not be read (${errorCode(error) ?? "unknown"})`,
      {
        cause: error,
      },
    );
  }
  if (!pem.includes("-----BEGIN CERTIFICATE-----")) {
    throw new WhatsAppTlsError(`WA_CA_FILE (${caFile}) holds no PEM certificate`);
  }
  return pem;
}

/**
 * The keep-alive undici Agent the WhatsApp client sends through; whoever creates it closes it. WA_CA_FILE is
 * trusted in addition to the public roots, so setting it never breaks a node with a public certificate.
 */
export function createDispatcher(options: DispatcherOptions = {}): Agent {
  const ca = options.caFile === undefined ? undefined : [...rootCertificates, readCa(options.caFile)];
  return new Agent({
    connections: options.connections ?? DEFAULT_CONNECTIONS,
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    ...(ca === undefined ? {} : { connect: { ca } }),
  });
}
