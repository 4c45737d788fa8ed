import { EXIT } from "./exit.js";

/**
 * Ctrl-C during long work (docs/CONTRACT.md §10): the first SIGINT lets the rows in flight finish, so each ends
 * recorded (done or failed) and the progress record is whole; a second one quits at once.
 */
export interface StopSignal {
  readonly requested: boolean;
  /** Why the work stops early: Ctrl-C, or a failure that every further row would meet too. */
  readonly reason: string | undefined;
  stop(reason: string): void;
}

export interface InterruptListener {
  signal: StopSignal;
  dispose(): void;
}

/** `note` says what happens, above the progress bar when there is one. */
export function listenForInterrupt(note: (text: string) => void, what: string): InterruptListener {
  let reason: string | undefined;
  let interrupts = 0;
  const signal: StopSignal = {
    get requested() {
      return reason !== undefined;
    },
    get reason() {
      return reason;
    },
    stop(why) {
      reason ??= why;
    },
  };
  const onSigint = (): void => {
    interrupts += 1;
    if (interrupts > 1) {
      note("Stopped at once: the rows in flight may or may not have gone through.");
      process.exit(EXIT.failed);
    }
    signal.stop("interrupted");
    note(`Ctrl-C: stopping ${what} after the rows in flight (Ctrl-C again quits at once).`);
  };
  process.on("SIGINT", onSigint);
  return { signal, dispose: () => process.off("SIGINT", onSigint) };
}
