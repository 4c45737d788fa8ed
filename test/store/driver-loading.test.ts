import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeSlackApi, startFakeSlackApi } from "../support/fake-slack-api.js";
import { listening, POSTGRES_URL, REDIS_URL, requireServers } from "./servers.js";

/**
 * docs/CONTRACT.md §6: only the driver STORE_URL names is loaded. A child process runs with a module tracer
 * (fixtures/trace-modules.mjs) that lists every ES and CommonJS module it loaded; the test reads which store
 * clients are among them.
 */

const ROOT = join(import.meta.dirname, "../..");
const TSX = pathToFileURL(join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;
const TRACER = pathToFileURL(join(import.meta.dirname, "fixtures/trace-modules.mjs")).href;

/** A package's files, whichever loader reached them. */
const DRIVERS = {
  sqlite: ["/node_modules/sqlite3/", "/node_modules/@keyv/sqlite/"],
  redis: ["/node_modules/@keyv/redis/", "/node_modules/@redis/client/"],
  postgres: ["/node_modules/@keyv/postgres/", "/node_modules/pg/", "/node_modules/pg-pool/"],
} as const;
type Driver = keyof typeof DRIVERS;

let dir: string;
let traces = 0;

/** Runs `args` under tsx with the tracer until it exits (or `untilReady` says stop); returns the loaded drivers. */
async function loadedDrivers(
  args: string[],
  env: Record<string, string>,
  stopWhen?: RegExp,
): Promise<{ drivers: Driver[]; output: string; code: number | null }> {
  const file = join(dir, `trace-${++traces}.txt`);
  const child = spawn(process.execPath, ["--import", TSX, "--import", TRACER, ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "", TRACE_MODULES_FILE: file, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (stopWhen?.test(output) && child.exitCode === null && !child.killed) child.kill("SIGTERM");
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  const loaded = await readFile(file, "utf8").catch(() => "");
  const drivers = (Object.keys(DRIVERS) as Driver[]).filter((driver) =>
    DRIVERS[driver].some((marker) => loaded.includes(marker)),
  );
  return { drivers, output, code };
}

const openStore = (url: string) =>
  loadedDrivers([join(import.meta.dirname, "fixtures/open-store.ts"), url], {});

const [redisUp, postgresUp] = await Promise.all([listening(6379), listening(5432)]);

describe("loading store drivers", () => {
  let slack: FakeSlackApi;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "wam-drivers-"));
    slack = await startFakeSlackApi();
  });
  afterAll(async () => {
    await slack.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("a bot started on SQLite loads sqlite3 and neither the Redis nor the PostgreSQL client", async () => {
    const run = await loadedDrivers(
      [join(ROOT, "src/main.ts")],
      {
        SLACK_BOT_TOKEN: "xoxb-driver-test",
        SLACK_SIGNING_SECRET: "driver-test-secret",
        SLACK_API_URL: slack.url,
        PORT: "0",
        STORE_URL: `sqlite://${join(dir, "bot.sqlite")}`,
      },
      /wa-moderator ready on port \d+/,
    );
    expect(run.output).toContain("SIGTERM received");
    expect(run.code).toBe(0);
    // sqlite3 among them shows that the tracer sees CommonJS packages loaded from an ES module.
    expect(run.drivers).toEqual(["sqlite"]);
  });

  it.each([
    ["Redis", REDIS_URL, redisUp, "redis"],
    ["PostgreSQL", POSTGRES_URL, postgresUp, "postgres"],
  ] as const)("a store on %s loads only its own client", async (name, url, up, driver) => {
    if (!up && !requireServers) {
      console.warn(`driver-loading: ${name} is not running; its case proves nothing here`);
      return;
    }
    const run = await openStore(url);
    expect(run.code, run.output).toBe(0);
    expect(run.drivers).toEqual([driver]);
  });
});
