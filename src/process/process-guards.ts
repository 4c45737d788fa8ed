import type { AppLogger } from "../log/logger.js";

/**
 * No request can stop the process (docs/CONTRACT.md §8). Node ends the process on an unhandled rejection or an
 * uncaught exception; these handlers log it at error level and keep serving instead.
 *
 * Why keeping on after an uncaught exception is the right call here: every such error this app can meet comes
 * from one request's own callback (a socket, a timer, a listener), whose state dies with that request; the shared
 * state (the store, the queue, the audit trail) is on disk or on a server, not half-written in this process, and
 * claims and leases expire. Ending the process would instead drop every request under way and let any request that
 * can trigger such an error stop the bot. The one exception is a storm: when more than STORM_LIMIT uncaught
 * exceptions come within STORM_WINDOW_MS, something fails on every turn of the event loop and the process is not
 * serving anyway, so it exits 1 for its supervisor to start a clean one.
 */

export const STORM_LIMIT = 100;
export const STORM_WINDOW_MS = 10_000;

/** The part of `process` these handlers use, so a test can give its own. */
export interface ProcessEvents {
  on(event: "unhandledRejection", listener: (reason: unknown) => void): unknown;
  on(event: "uncaughtException", listener: (error: Error, origin: string) => void): unknown;
  off(event: "unhandledRejection", listener: (reason: unknown) => void): unknown;
  off(event: "uncaughtException", listener: (error: Error, origin: string) => void): unknown;
}

export interface ProcessGuardOptions {
  target?: ProcessEvents;
  exit?: (code: number) => void;
  now?: () => number;
}

/** Installs both handlers; returns a function that removes them. */
export function installProcessGuards(logger: AppLogger, options: ProcessGuardOptions = {}): () => void {
  const target = options.target ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const now = options.now ?? Date.now;
  let recent: number[] = [];

  const onRejection = (reason: unknown) => {
    logger.error("unhandled promise rejection; still serving", reason);
  };
  const onException = (error: Error, origin: string) => {
    const at = now();
    recent = [...recent.filter((time) => at - time < STORM_WINDOW_MS), at];
    if (recent.length > STORM_LIMIT) {
      logger.error(
        `more than ${STORM_LIMIT} uncaught exceptions within ${STORM_WINDOW_MS / 1000} s: exiting for a clean restart`,
        error,
      );
      exit(1);
      return;
    }
    logger.error(`uncaught exception (${origin}); still serving`, error);
  };
  target.on("unhandledRejection", onRejection);
  target.on("uncaughtException", onException);
  return () => {
    target.off("unhandledRejection", onRejection);
    target.off("uncaughtException", onException);
  };
}
