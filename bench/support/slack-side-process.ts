import { spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type {
  CommandSpec,
  OpenLoopRun,
  SlackSideOrder,
  SlackSideReady,
  SlackSideReply,
  SlackSideRequest,
  SlackSideRun,
  Until,
} from "./slack-side-protocol.js";

/** Slack for a benchmark, running in a child process; see slack-side.ts. */
export interface SlackSide {
  /** SLACK_API_URL for the apps under test. */
  apiUrl: string;
  /** Sends `count` signed commands to `url`, `concurrency` at a time; resolves with their timings (see Until). */
  run(
    url: string,
    count: number,
    concurrency: number,
    command: CommandSpec,
    until: Until,
  ): Promise<SlackSideRun>;
  /**
   * Sends `count` commands to `url` at `rate` per second, open loop; see OpenLoopRun. `answersTo`: the Web API
   * (another Slack side's `apiUrl`) their response_urls point at, instead of this one's.
   */
  openLoop(
    url: string,
    count: number,
    rate: number,
    command: CommandSpec,
    answersTo?: string,
  ): Promise<OpenLoopRun>;
  /** How many response_url posts have arrived so far. */
  responses(): Promise<number>;
  collectGarbage(): Promise<void>;
  close(): Promise<void>;
}

const TSX_CLI = join(import.meta.dirname, "../../node_modules/tsx/dist/cli.mjs");
const ENTRY = join(import.meta.dirname, "slack-side.ts");

interface Waiter {
  resolve: (reply: SlackSideReply) => void;
  reject: (error: Error) => void;
}

export async function startSlackSide(): Promise<SlackSide> {
  const child = spawn(process.execPath, [TSX_CLI, ENTRY], { stdio: ["pipe", "pipe", "inherit"] });
  const exited = once(child, "exit");
  const waiters = new Map<number, Waiter>();
  let nextId = 1;
  let ready: ((line: SlackSideReady) => void) | undefined;
  const started = new Promise<SlackSideReady>((resolve) => {
    ready = resolve;
  });

  createInterface({ input: child.stdout }).on("line", (line) => {
    const parsed = JSON.parse(line) as SlackSideReady | SlackSideReply;
    if ("apiUrl" in parsed) return ready?.(parsed);
    const waiter = waiters.get(parsed.id);
    waiters.delete(parsed.id);
    if ("error" in parsed) waiter?.reject(new Error(`Slack side: ${parsed.error}`));
    else waiter?.resolve(parsed);
  });
  // A Slack side that dies must fail the benchmark rather than leave it waiting.
  void exited.then(([code]) => {
    for (const waiter of waiters.values()) waiter.reject(new Error(`the Slack side exited (${code})`));
    waiters.clear();
  });

  const ask = (order: SlackSideOrder): Promise<SlackSideReply> => {
    const request: SlackSideRequest = { ...order, id: nextId++ };
    const answered = new Promise<SlackSideReply>((resolve, reject) => {
      waiters.set(request.id, { resolve, reject });
    });
    child.stdin.write(`${JSON.stringify(request)}\n`);
    return answered;
  };

  const { apiUrl } = await Promise.race([
    started,
    exited.then(([code]) => Promise.reject(new Error(`the Slack side exited before it was ready (${code})`))),
  ]);
  return {
    apiUrl,
    run: async (url, count, concurrency, command, until) => {
      const reply = await ask({ op: "run", url, count, concurrency, command, until });
      if (!("answers" in reply)) throw new Error("the Slack side answered a run without timings");
      return { acks: reply.acks, answers: reply.answers, elapsedMs: reply.elapsedMs };
    },
    openLoop: async (url, count, rate, command, answersTo) => {
      const reply = await ask({
        op: "open-loop",
        url,
        count,
        rate,
        command,
        ...(answersTo ? { answersTo } : {}),
      });
      if (!("maxSendLagMs" in reply))
        throw new Error("the Slack side answered an open-loop run without timings");
      return {
        acks: reply.acks,
        maxSendLagMs: reply.maxSendLagMs,
        turnedAway: reply.turnedAway,
        elapsedMs: reply.elapsedMs,
      };
    },
    responses: async () => {
      const reply = await ask({ op: "responses" });
      if (!("responses" in reply)) throw new Error("the Slack side answered without a count of responses");
      return reply.responses;
    },
    collectGarbage: async () => {
      await ask({ op: "collect-garbage" });
    },
    close: async () => {
      child.stdin.end();
      await exited;
    },
  };
}
