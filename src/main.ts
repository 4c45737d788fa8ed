import { AppError } from "./common/app-error.js";
import { loadConfigOrExit } from "./config/load-config.js";
import { createLogger } from "./log/logger.js";
import { installProcessGuards } from "./process/process-guards.js";
import { startBot } from "./wiring.js";

/**
 * The process: configuration, start-up, and a graceful stop on SIGTERM / SIGINT. `npm start` execs
 * `node dist/main.js`, so a supervisor's signal reaches this process, not a shell or a loader in front of it.
 */

/** docs/CONTRACT.md §3: requests in flight get at most 10 s; a stop that takes longer is cut short (exit 1). */
const STOP_DEADLINE_MS = 10_000;

const config = loadConfigOrExit();
const logger = createLogger(config.logLevel);
installProcessGuards(logger);

// The signal handlers come first: a SIGTERM that arrived before them would end the process on the spot, mid
// start-up or just after "ready", with nothing flushed or closed. One during start-up stops the bot once started.
let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info(`${signal} received: finishing requests in flight, then stopping`);
  // A stop that hangs must not keep a supervisor waiting past the deadline. (A second signal finds no listener
  // left, so it ends the process at once: Ctrl-C twice.)
  setTimeout(() => {
    logger.error(
      `not stopped within ${STOP_DEADLINE_MS / 1000} s of ${signal}: exiting with work unfinished`,
    );
    process.exit(1);
  }, STOP_DEADLINE_MS).unref();
  // A start-up that failed is reported and ends the process below.
  const server = await running.catch(() => undefined);
  if (server === undefined) return;
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
// Signals are handled on the event loop, so neither handler runs before this line has.
const running = startBot(config, logger);

try {
  const server = await running;
  logger.info(`wa-moderator ready on port ${server.port}`, {
    backend: config.whatsapp.backend,
    mode: config.slack.socketMode ? "socket" : "http",
  });
} catch (error) {
  // A start-up failure the operator can act on: say it in one line, no stack trace.
  const message = error instanceof AppError ? `${error.message} (${error.code})` : String(error);
  logger.error(`wa-moderator could not start: ${message}`);
  process.exit(1);
}
