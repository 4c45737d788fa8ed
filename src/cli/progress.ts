import cliProgress from "cli-progress";
import type { CliOutput } from "./output.js";
import { duration } from "./text/time-words.js";

/**
 * Progress of long work (docs/CONTRACT.md §10): on a terminal, a cli-progress bar with rows done, rate and time
 * left; elsewhere (a log file, a CI job, a test), plain lines on stderr at every tenth of the work, or every few
 * seconds, whichever comes first. stdout stays the command's result only.
 */
export interface Progress {
  advance(by?: number): void;
  /** A line above the bar (or among the lines) that does not break it. */
  note(text: string): void;
  stop(): void;
}

const PLAIN_EVERY_MS = 2_000;

export function startProgress(out: CliOutput, label: string, total: number | undefined): Progress {
  const startedAt = Date.now();
  const rate = (done: number): number => done / Math.max(0.001, (Date.now() - startedAt) / 1000);
  return out.stderr.isTTY ? barProgress(out, label, total, rate) : lineProgress(out, label, total, rate);
}

function barProgress(
  out: CliOutput,
  label: string,
  total: number | undefined,
  rate: (done: number) => number,
): Progress {
  const counted = total === undefined ? "{value} rows" : "[{bar}] {value}/{total} rows";
  const left = total === undefined ? "" : " | {eta_formatted} left";
  const bars = new cliProgress.MultiBar(
    {
      stream: out.stderr,
      format: `${label} ${counted} | {rate} rows/s${left}`,
      // A second Ctrl-C exits at once, before the bar could show a hidden cursor again: it is never hidden.
      hideCursor: false,
      clearOnComplete: false,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const bar = bars.create(total ?? 0, 0, { rate: "0.0" });
  let done = 0;
  return {
    advance(by = 1) {
      done += by;
      bar.update(done, { rate: rate(done).toFixed(1) });
    },
    note: (text) => {
      // Written above the bar by the next redraw: drawn now, so a note just before an exit is not lost.
      bars.log(`${text}\n`);
      bars.update();
    },
    stop: () => bars.stop(),
  };
}

function lineProgress(
  out: CliOutput,
  label: string,
  total: number | undefined,
  rate: (done: number) => number,
): Progress {
  let done = 0;
  let lastAt = Date.now();
  let lastStep = 0;
  const print = (): void => {
    const perSecond = rate(done);
    const counted = total === undefined ? `${done} rows` : `${done}/${total} rows`;
    const left =
      total === undefined || perSecond <= 0
        ? ""
        : `, about ${duration(((total - done) / perSecond) * 1000)} left`;
    out.note(`${label}: ${counted} (${perSecond.toFixed(1)} rows/s${left})`);
    lastAt = Date.now();
  };
  return {
    advance(by = 1) {
      done += by;
      const step = total ? Math.floor((done * 10) / total) : 0;
      if (step > lastStep || Date.now() - lastAt >= PLAIN_EVERY_MS) {
        lastStep = step;
        print();
      }
    },
    note: (text) => out.note(text),
    stop: () => undefined,
  };
}
