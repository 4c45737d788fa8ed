import type { Agent } from "undici";
import type { Config } from "../config/types.js";
import type { AppLogger } from "../log/logger.js";
import { type SandboxHandle, startSandbox } from "../sandbox/index.js";
import type { WhatsAppBackend } from "./backend.js";
import { createDispatcher, createOnPremClient } from "./onprem/index.js";

export interface WhatsAppConnection {
  backend: WhatsAppBackend;
  /** Set when WA_BACKEND=sandbox: the in-process On-Premises emulator. */
  sandbox?: SandboxHandle;
  close(): Promise<void>;
}

/** The configured WhatsApp backend: the On-Premises client, pointed at a real node or at the built-in sandbox. */
export async function connectWhatsApp(
  config: Config["whatsapp"],
  logger: AppLogger,
): Promise<WhatsAppConnection> {
  const sandbox =
    config.backend === "sandbox" ? await startSandbox({ logger: logger.child("sandbox") }) : undefined;
  if (sandbox) {
    logger.warn(
      `USING THE BUILT-IN WHATSAPP SANDBOX at ${sandbox.url}: no real WhatsApp is reached. ` +
        "Set WA_API_URL (and WA_USERNAME/WA_PASSWORD or WA_TOKEN) to moderate a real business number.",
    );
  }
  const dispatcher: Agent = createDispatcher(config.caFile ? { caFile: config.caFile } : {});
  const backend = createOnPremClient({
    baseUrl: sandbox?.url ?? config.apiUrl ?? "",
    name: sandbox ? "sandbox" : "onprem",
    dispatcher,
    auth: sandbox
      ? { username: sandbox.username, password: sandbox.password }
      : config.token
        ? { token: config.token }
        : { username: config.username ?? "", password: config.password ?? "" },
    timeoutMs: config.timeoutMs,
    logger: logger.child("whatsapp"),
  });
  return {
    backend,
    ...(sandbox ? { sandbox } : {}),
    async close() {
      await backend.close();
      await dispatcher.close();
      await sandbox?.close();
    },
  };
}
