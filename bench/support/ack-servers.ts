import { spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";

export const BENCH_SIGNING_SECRET = "bench-signing-secret";
export const BENCH_MODERATOR = "UBENCH0001";
export const BENCH_BOT_TOKEN = "xoxb-bench-token";

/** A Slack app under benchmark in its own process (ack-server.ts). */
export interface AckServer {
  /** Its POST /slack/events URL. */
  url: string;
  pid: number;
  /** CPU time (user + system) the process has used so far, in microseconds. */
  cpuMicros(): Promise<number>;
  /** Lines it has written to stderr (its log) so far. */
  logLines(): number;
  stop(): Promise<void>;
}

// tsx as a loader of this very process (not its CLI, which would run the app in a grandchild).
const TSX_LOADER = pathToFileURL(join(import.meta.dirname, "../../node_modules/tsx/dist/loader.mjs")).href;
const ENTRY = join(import.meta.dirname, "ack-server.ts");

/**
 * Starts `side` in a child process. `nodeOptions` go to that process's node (e.g. `--cpu-prof`), which is how
 * a profile of the app under load is taken:
 *   BENCH_CPU_PROF=dir npx tsx bench/slack-ack-latency.ts
 */
export async function startAckServer(
  side: "app" | "bare",
  slackApiUrl: string,
  dataDir: string,
  nodeOptions: string[] = [],
): Promise<AckServer> {
  const child = spawn(
    process.execPath,
    ["--import", TSX_LOADER, ...nodeOptions, ENTRY, side, slackApiUrl, ...(side === "app" ? [dataDir] : [])],
    { stdio: ["pipe", "pipe", "pipe"] },
  );
  const exited = once(child, "exit");
  let logLines = 0;
  createInterface({ input: child.stderr }).on("line", () => {
    logLines += 1;
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<Record<string, number>> => {
    const line = await Promise.race([
      lines.next(),
      exited.then(([code]) => Promise.reject(new Error(`the ${side} server exited (${code})`))),
    ]);
    if (line.done) throw new Error(`the ${side} server closed its output`);
    return JSON.parse(line.value) as Record<string, number>;
  };
  const { port } = await next();
  if (port === undefined || child.pid === undefined)
    throw new Error(`the ${side} server did not say its port`);
  let asking = Promise.resolve(0);
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    pid: child.pid,
    cpuMicros: () => {
      // One question at a time: answers come back in order on the one stdout.
      asking = asking.then(async () => {
        child.stdin.write("cpu\n");
        return (await next()).cpuMicros ?? Number.NaN;
      });
      return asking;
    },
    logLines: () => logLines,
    stop: async () => {
      child.stdin.end();
      await exited;
    },
  };
}
