import { LogLevel } from "@slack/bolt";
import { createLogger } from "../log/logger.js";
import { formatBanner } from "./cli-banner.js";
import { startSandbox } from "./index.js";

/**
 * `npm run sandbox`: the emulator on SANDBOX_PORT (default 9090). Inbound messages are POSTed to
 * SANDBOX_WEBHOOK_URL when set, with WEBHOOK_SECRET as X-Webhook-Secret (the secret the app's webhook expects).
 */

const DEFAULT_PORT = 9090;

async function main(): Promise<void> {
  const port = process.env.SANDBOX_PORT ? Number(process.env.SANDBOX_PORT) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`SANDBOX_PORT must be a port number; got "${process.env.SANDBOX_PORT}"`);
    process.exitCode = 1;
    return;
  }
  const webhookUrl = process.env.SANDBOX_WEBHOOK_URL;
  const secret = process.env.WEBHOOK_SECRET;
  const webhook = webhookUrl ? { url: webhookUrl, ...(secret ? { secret } : {}) } : undefined;
  const sandbox = await startSandbox({
    port,
    logger: createLogger(LogLevel.INFO, "sandbox"),
    ...(webhook ? { webhook } : {}),
  });
  console.log(formatBanner(sandbox, webhookUrl));

  const stop = (): void => {
    sandbox.close().then(
      () => console.log("sandbox stopped"),
      (error: unknown) => {
        console.error("sandbox did not stop cleanly", error);
        process.exitCode = 1;
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
