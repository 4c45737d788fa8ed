import type { Command } from "commander";
import { EXIT, type ExitCode, UsageError } from "./exit.js";
import { type CliOutput, createOutput } from "./output.js";
import type { CliSession } from "./session.js";

/**
 * Runs a command's work with the output its `--json` asks for, and turns what escapes it into plain words and an
 * exit status (docs/CONTRACT.md §10): bad usage 2, anything else that failed 1. What a failure needs is loaded only
 * when one happens, so `--help` and usage mistakes answer at once.
 */
export type Run = (command: Command, work: (out: CliOutput) => Promise<ExitCode>) => Promise<void>;

export function createRunner(): { run: Run; status(): ExitCode } {
  let status: ExitCode = EXIT.ok;
  return {
    run: async (command, work) => {
      const out = createOutput(command.optsWithGlobals<{ json?: boolean }>().json === true);
      status = await guarded(out, () => work(out));
    },
    status: () => status,
  };
}

async function guarded(out: CliOutput, work: () => Promise<ExitCode>): Promise<ExitCode> {
  try {
    return await work();
  } catch (error) {
    const fail = (code: string, message: string, text: string, exit: ExitCode): ExitCode => {
      if (out.json) out.data({ ok: false, error: { code, message } });
      out.note(text);
      return exit;
    };
    if (error instanceof UsageError) {
      return fail(error.code, error.message, `wa-moderator: ${error.message}`, EXIT.usage);
    }
    const { ConfigError, formatConfigProblems } = await import("../config/load-config.js");
    if (error instanceof ConfigError) {
      return fail(error.code, error.message, formatConfigProblems(error), EXIT.failed);
    }
    const { describeError } = await import("./text/error-words.js");
    const words = describeError(error);
    return fail(words.code, words.message, `wa-moderator: ${words.message}`, EXIT.failed);
  }
}

/** Opens the bot's core for a command, loaded on first use (src/wiring-core.ts is the whole app below Slack). */
export async function inSession<T>(work: (session: CliSession) => Promise<T>): Promise<T> {
  const { withSession } = await import("./session.js");
  return withSession(work);
}
