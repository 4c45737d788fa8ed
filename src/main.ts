import { loadConfigOrExit } from "./config/load-config.js";
import { createLogger } from "./log/logger.js";
import { AppError } from "./shared/app-error.js";
import { startBot } from "./wiring.js";

/** The process: configuration, start-up, and a graceful stop on SIGTERM / SIGINT. */
const config = loadConfigOrExit();
const logger = createLogger(config.logLevel);

try {
  const server = await startBot(config, logger);
  logger.info(`wa-moderator ready on port ${server.port}`, {
    backend: config.whatsapp.backend,
    mode: config.slack.socketMode ? "socket" : "http",
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received: finishing requests in flight, then stopping`);
    try {
      await server.stop();
      process.exit(0);
    } catch (error) {
      logger.error("stopped with an error", error);
      process.exit(1);
    }
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
} catch (error) {
  // A start-up failure the operator can act on: say it in one line, no stack trace.
  const message = error instanceof AppError ? `${error.message} (${error.code})` : String(error);
  logger.error(`wa-moderator could not start: ${message}`);
  process.exit(1);
}
