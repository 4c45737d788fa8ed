import { once } from "node:events";
import type { Writable } from "node:stream";
import { redact } from "../log/mask-text.js";

/**
 * Where a command speaks (docs/CONTRACT.md §10): its result on stdout, as text or, with `--json`, as one JSON
 * document for scripts; notes, warnings, progress and failures on stderr, so a pipe only ever carries the result.
 */
export interface CliOutput {
  readonly json: boolean;
  /** One line of the text result (stdout); not used in JSON mode. */
  line(text: string): void;
  /** The JSON result (stdout); used in JSON mode only. */
  data(value: unknown): void;
  /** A note, warning or failure for the person at the terminal (stderr), with secrets masked. */
  note(text: string): void;
  readonly stdout: Writable;
  readonly stderr: Writable & { isTTY?: boolean };
}

export function createOutput(
  json: boolean,
  streams = { stdout: process.stdout, stderr: process.stderr },
): CliOutput {
  const { stdout, stderr } = streams;
  return {
    json,
    line: (text) => {
      stdout.write(`${printable(text)}\n`);
    },
    data: (value) => {
      stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    },
    note: (text) => {
      stderr.write(`${printable(redact(text))}\n`);
    },
    stdout,
    stderr,
  };
}

// Text from WhatsApp users and moderators reaches the terminal: no escape sequence of theirs may drive it.
const CONTROL = /\p{Cc}/gu;

/** Control characters (other than tab and newline) replaced, so shown text cannot move the cursor or recolour. */
export function printable(text: string): string {
  return text.replace(CONTROL, (char) => (char === "\n" || char === "\t" ? char : "\uFFFD"));
}

/** Writes `text`, waiting when the stream's buffer is full: an export to a slow pipe holds no more than a page. */
export async function writeChunk(stream: Writable, text: string): Promise<void> {
  // events.once also rejects when the stream emits "error" meanwhile (a closed pipe, a full disk).
  if (!stream.write(text)) await once(stream, "drain");
}
