import { createLogger } from "../log/logger.js";
import { formatBanner, formatCloudBanner } from "./cli-banner.js";
import { type AnySandboxHandle, startSandbox } from "./index.js";

/**
 * `npm run sandbox [-- --cloud]`: the emulator on SANDBOX_PORT (default 9090), in the On-Premises shape, or with
 * `--cloud` in the Cloud API shape. Inbound messages are POSTed to SANDBOX_WEBHOOK_URL when set: On-Premises with
 * WEBHOOK_SECRET as X-Webhook-Secret, Cloud signed with WA_APP_SECRET (else the sandbox's fixed app secret), the
 * secrets the app's webhook expects. A secret read from the environment is never printed.
 */

const DEFAULT_PORT = 9090;
const USAGE = "usage: npm run sandbox [-- --cloud]";

async function start(cloud: boolean, port: number): Promise<AnySandboxHandle> {
  const url = process.env.SANDBOX_WEBHOOK_URL;
  const logger = createLogger("info", "sandbox");
  if (cloud) {
    const appSecret = process.env.WA_APP_SECRET;
    const webhook = url ? { url, ...(appSecret ? { appSecret } : {}) } : undefined;
    const sandbox = await startSandbox({ shape: "cloud", port, logger, ...(webhook ? { webhook } : {}) });
    console.log(formatCloudBanner(sandbox, { webhookUrl: url, appSecretFromEnv: Boolean(appSecret) }));
    return sandbox;
  }
  const secret = process.env.WEBHOOK_SECRET;
  const webhook = url ? { url, ...(secret ? { secret } : {}) } : undefined;
  const sandbox = await startSandbox({ port, logger, ...(webhook ? { webhook } : {}) });
  console.log(formatBanner(sandbox, url));
  return sandbox;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== "--cloud");
  if (unknown.length > 0) {
    console.error(`unknown argument ${unknown.join(" ")}; ${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const port = process.env.SANDBOX_PORT ? Number(process.env.SANDBOX_PORT) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`SANDBOX_PORT must be a port number; got "${process.env.SANDBOX_PORT}"`);
    process.exitCode = 1;
    return;
  }
  const sandbox = await start(args.includes("--cloud"), port);

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
