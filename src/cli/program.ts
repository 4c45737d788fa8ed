import { Command, CommanderError } from "commander";
import { APP_VERSION } from "../common/version.js";
import { createRunner } from "./command-run.js";
import { EXIT, type ExitCode } from "./exit.js";
import { addBulkCommands } from "./program-bulk.js";
import { addSingleCommands } from "./program-single.js";

/**
 * The operator CLI (docs/CONTRACT.md §10): `wa-moderator <command>`, each command with `--help`, and `--json`
 * anywhere on the line for output a script can parse.
 */

const ABOUT =
  "Moderate the business number's WhatsApp contacts from a terminal, through the same core, daily budget, audit " +
  "trail and audit channel as the Slack app.";

const AFTER_HELP = `
Configured like the bot: the environment, then .env in the current folder. Slack settings are optional here;
with SLACK_BOT_TOKEN and AUDIT_CHANNEL set, every action is also posted to the audit channel. Every action, and
every refusal, is audited with the actor cli:<your OS user>; MODERATORS applies to Slack only.

Exit status: 0 when everything succeeded, 1 when something failed, 2 for bad usage.
Run "wa-moderator <command> --help" for a command's options and examples.`;

const ASKED_FOR = new Set(["commander.helpDisplayed", "commander.version"]);

export async function runCli(argv: string[]): Promise<ExitCode> {
  const runner = createRunner();
  const program = new Command("wa-moderator")
    .description(ABOUT)
    .version(APP_VERSION, "-V, --version", "print the version")
    .option("--json", "print the result as JSON, for scripts")
    .exitOverride()
    .showHelpAfterError("(add --help for usage)")
    .configureHelp({ showGlobalOptions: true })
    .addHelpText("after", AFTER_HELP);
  addSingleCommands(program, runner.run);
  addBulkCommands(program, runner.run);
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // Help or the version asked for is a success; help shown for a missing command, or any parse error, is bad usage.
    return ASKED_FOR.has(error.code) ? EXIT.ok : EXIT.usage;
  }
  return runner.status();
}
