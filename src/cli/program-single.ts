import type { Command } from "commander";
import { inSession, type Run } from "./command-run.js";

/**
 * One contact (or a few numbers) at a time: check, block, unblock, report, history (docs/CONTRACT.md §10). Each
 * command's code is loaded when it runs, so `--help` does not start the app.
 */
export function addSingleCommands(program: Command, run: Run): void {
  program
    .command("check")
    .description(
      "check numbers (at most 20): On-Premises asks WhatsApp within the daily budget; Cloud says what the bot knows",
    )
    .argument(
      "<numbers...>",
      "numbers with their country code (+1 631 555 1001); without +, the business country's",
    )
    .option("--force", "skip the caches (force_check), spending the daily budget")
    .option("--wait", "ask WhatsApp for a blocking check")
    .addHelpText("after", '\nExample:\n  wa-moderator check +16315551001 "+54 9 11 5612-1008"')
    .action((numbers: string[], flags: { force?: boolean; wait?: boolean }, command: Command) =>
      run(command, async (out) => {
        const { check } = await import("./commands/check.js");
        return inSession((session) => check(session, out, numbers, flags));
      }),
    );

  contactCommand(program, "block", '--reason "crypto spam"')
    .description("block a contact; WhatsApp allows it only when the contact wrote in the last 24 hours")
    .option("--reason <text>", "why, under 60 characters; kept in the audit trail")
    .action((number: string, flags: { reason?: string }, command: Command) =>
      run(command, async (out) => {
        const { block } = await import("./commands/actions.js");
        return inSession((session) => block(session, out, number, flags.reason));
      }),
    );

  contactCommand(program, "unblock", "")
    .description("unblock a contact")
    .action((number: string, _flags: unknown, command: Command) =>
      run(command, async (out) => {
        const { unblock } = await import("./commands/actions.js");
        return inSession((session) => unblock(session, out, number));
      }),
    );

  contactCommand(program, "report", "--message-id wamid.HBgL... --block --reason scam")
    .description("report a contact to WhatsApp (Cloud has no report API: there the report is recorded only)")
    .option("--message-id <id>", "the offending message's id (without it WhatsApp takes the last 5 messages)")
    .option("--block", "also block the contact")
    .option("--reason <text>", "why, under 60 characters")
    .action(
      (number: string, flags: { messageId?: string; block?: boolean; reason?: string }, command: Command) =>
        run(command, async (out) => {
          const { report } = await import("./commands/actions.js");
          return inSession((session) => report(session, out, number, flags));
        }),
    );

  contactCommand(program, "history", "--json")
    .description(
      "a contact's moderation trail (who did what, when, why), when it last wrote, its cached check",
    )
    .action(async (number: string, _flags: unknown, command: Command) => {
      const { history } = await import("./commands/history.js");
      return run(command, (out) => inSession((session) => history(session, out, number)));
    });
}

/** `wa-moderator NAME <number>`, the contact by its number or, on Cloud, its BSUID; the help shows an example. */
function contactCommand(program: Command, name: string, exampleFlags: string): Command {
  const example = `wa-moderator ${name} +16315551001 ${exampleFlags}`.trimEnd();
  return program
    .command(name)
    .argument("<number>", "the number (or, on Cloud, a BSUID)")
    .addHelpText("after", `\nExample:\n  ${example}`);
}
