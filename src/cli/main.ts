import { runCli } from "./program.js";

/**
 * The operator CLI's process (docs/CONTRACT.md §10), started by bin/wa-moderator.js: runs one command, sets the
 * exit status, and lets the process end once the store and the WhatsApp connection are closed.
 */

// A reader that closes the pipe early (`| head`) is not an error worth a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2));

// Whatever a library may leave open (a socket in keep-alive) must not hold a finished command.
setTimeout(() => process.exit(), 2_000).unref();
