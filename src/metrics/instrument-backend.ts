import { performance } from "node:perf_hooks";
import { AppError } from "../common/app-error.js";
import type { WhatsAppBackend } from "../whatsapp/backend.js";
import type { AppMetrics, WhatsAppEndpoint } from "./metrics.js";

/** Anything that is not one of our typed errors is a bug or a library surprise; one label groups them. */
const UNTYPED_ERROR = "unexpected";

function errorCode(error: unknown): string {
  return error instanceof AppError ? error.code : UNTYPED_ERROR;
}

/** Wraps a backend so that every call is timed and counted by endpoint and outcome; behaviour is unchanged. */
export function instrumentBackend(
  backend: WhatsAppBackend,
  metrics: Pick<AppMetrics, "whatsappCall">,
): WhatsAppBackend {
  const timed = async <T>(endpoint: WhatsAppEndpoint, call: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const result = await call();
      metrics.whatsappCall(endpoint, "ok", seconds());
      return result;
    } catch (error) {
      metrics.whatsappCall(endpoint, "error", seconds(), errorCode(error));
      throw error;
    }
  };

  return {
    name: backend.name,
    capabilities: backend.capabilities,
    apiVersion: () => backend.apiVersion(),
    checkContacts: (e164s, options) => timed("check", () => backend.checkContacts(e164s, options)),
    block: (e164, reason) => timed("block", () => backend.block(e164, reason)),
    unblock: (e164) => timed("unblock", () => backend.unblock(e164)),
    report: (e164, options) => timed("report", () => backend.report(e164, options)),
    blocklistPage: (request) => timed("blocklist", () => backend.blocklistPage(request)),
    ping: () => timed("ping", () => backend.ping()),
    close: () => backend.close(),
  };
}
