import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { LogLevel as BoltLogLevel, type Logger } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { AppError } from "../../src/common/app-error.js";
import { captureLogger } from "../support/capture-logger.js";

class RemoteTimeoutError extends AppError {
  readonly code = "wa_timeout";
}

const LOGGER_MODULE = fileURLToPath(new URL("../../src/log/logger.ts", import.meta.url));

function records(logger: { lines: string[] }): Array<Record<string, unknown>> {
  return logger.lines.map((line) => JSON.parse(line));
}

function loggedData(logger: { lines: string[] }): unknown[] {
  return records(logger)[0]?.data as unknown[];
}

function firstFrame(stack: string | undefined): string | undefined {
  return stack?.split("\n").find((line) => line.trimStart().startsWith("at "));
}

describe("the logger", () => {
  it("writes one JSON line per call: level, ISO time, name, message and the details as data", () => {
    const logger = captureLogger();
    logger.info("blocked", { messageId: "wamid.A1" }, "second detail");
    expect(logger.lines).toHaveLength(1);
    const [record] = records(logger);
    expect(record).toEqual({
      level: "info",
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      name: "test",
      msg: "blocked",
      data: [{ messageId: "wamid.A1" }, "second detail"],
    });
  });

  it("writes JSON lines to stderr by default, all of them out before process.exit", () => {
    const script = `const { createLogger } = await import(${JSON.stringify(LOGGER_MODULE)});
      createLogger("info").warn("could not start", { token: "x1" }); process.exit(1);`;
    const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      encoding: "utf8",
    });
    expect(child.stdout).toBe("");
    expect(child.stderr.endsWith("\n")).toBe(true);
    expect(JSON.parse(child.stderr)).toMatchObject({
      level: "warn",
      name: "wa-moderator",
      msg: "could not start",
      data: [{ token: "[redacted]" }],
    });
  });

  it("warns an expected error as its name, code, message and cause, without a stack", () => {
    const logger = captureLogger();
    const error = new RemoteTimeoutError("boom", { cause: new Error("socket hang up") });
    logger.warn("call failed", error);
    expect(records(logger)[0]).toMatchObject({ level: "warn", msg: "call failed" });
    expect(loggedData(logger)).toEqual([
      {
        error: "RemoteTimeoutError",
        code: "wa_timeout",
        message: "boom",
        cause: { error: "Error", message: "socket hang up" },
      },
    ]);
  });

  it("logs an expected error with its stack when it is logged as an error", () => {
    const logger = captureLogger();
    const error = new RemoteTimeoutError("boom");
    logger.error("call failed", { auditId: "a1" }, error);
    expect(loggedData(logger)).toEqual([
      { auditId: "a1" },
      { error: "RemoteTimeoutError", code: "wa_timeout", message: "boom", stack: error.stack },
    ]);
  });

  describe("an unexpected error", () => {
    it("carries its stack, down to the first frame, and the message and stack of its cause", () => {
      const logger = captureLogger();
      const cause = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:6379"), { code: "ECONNREFUSED" });
      const error = new TypeError("Cannot read properties of undefined (reading 'id')", { cause });
      logger.warn("store error", error);
      const [logged] = loggedData(logger) as Array<{ stack?: string; cause?: { stack?: string } }>;
      expect(firstFrame(error.stack)).toContain("logger.test.ts");
      expect(firstFrame(logged?.stack)).toBe(firstFrame(error.stack));
      expect(logged).toMatchObject({
        error: "TypeError",
        message: "Cannot read properties of undefined (reading 'id')",
        cause: { error: "Error", code: "ECONNREFUSED", message: "connect ECONNREFUSED 127.0.0.1:6379" },
      });
      expect(firstFrame(logged?.cause?.stack)).toBe(firstFrame(cause.stack));
    });

    it("stops at a cause chain that loops back on itself, showing each error once", () => {
      const logger = captureLogger();
      const first = new Error("first");
      const second = new Error("second", { cause: first });
      first.cause = second;
      logger.error("looping", first);
      expect(logger.lines).toHaveLength(1);
      expect(loggedData(logger)).toMatchObject([
        { message: "first", cause: { message: "second", cause: "[cycle: Error shown above]" } },
      ]);
    });

    it("shows a cause that is not an Error as text", () => {
      const logger = captureLogger();
      logger.error("rejected", new Error("request failed", { cause: { status: 503, retryable: true } }));
      expect(loggedData(logger)).toMatchObject([{ cause: "{ status: 503, retryable: true }" }]);
    });

    it("shows at most five causes of a long chain", () => {
      const logger = captureLogger();
      let error = new Error("cause 8");
      for (let depth = 7; depth >= 0; depth -= 1) error = new Error(`cause ${depth}`, { cause: error });
      logger.error("deep", error);
      const line = logger.lines[0] ?? "";
      expect(line).toContain("cause 5");
      expect(line).not.toContain("cause 6");
      expect(line).toContain("[Error and deeper causes omitted]");
    });
  });

  it("describes an Error nested in a detail, and cuts a circular detail instead of failing", () => {
    const logger = captureLogger();
    const circular: Record<string, unknown> = { id: 1 };
    circular.self = circular;
    logger.info("odd details", { failure: new Error("nested"), circular, at: new Date(0), size: 10n });
    expect(loggedData(logger)).toEqual([
      {
        failure: expect.objectContaining({ error: "Error", message: "nested" }),
        circular: { id: 1, self: "[Circular]" },
        at: "1970-01-01T00:00:00.000Z",
        size: "10",
      },
    ]);
  });

  it("keeps an ordinary sentence whole, in the message and in an error", () => {
    const logger = captureLogger();
    const message = "Slack refused SLACK_BOT_TOKEN: An API error occurred: invalid_auth";
    logger.error(message, new Error(message));
    expect(records(logger)[0]?.msg).toBe(message);
    expect(loggedData(logger)).toMatchObject([{ message }]);
  });

  describe("levels", () => {
    it("drops lines below its level, and a child starts at its parent's level", () => {
      const logger = captureLogger("info");
      const child = logger.child("store");
      logger.debug("hidden");
      child.debug("hidden too");
      child.info("shown");
      logger.error("shown too");
      expect(records(logger).map((record) => [record.level, record.msg])).toEqual([
        ["info", "shown"],
        ["error", "shown too"],
      ]);
      expect(logger.isLevelEnabled("debug")).toBe(false);
      expect(logger.isLevelEnabled("info")).toBe(true);
    });

    it("speaks Bolt's LogLevel through Bolt's Logger interface", () => {
      const logger = captureLogger("debug");
      const bolt: Logger = logger;
      expect(bolt.getLevel()).toBe(BoltLogLevel.DEBUG);
      bolt.setLevel(BoltLogLevel.WARN);
      expect(bolt.getLevel()).toBe(BoltLogLevel.WARN);
      bolt.info("hidden");
      bolt.warn("shown");
      logger.setLevel("error");
      expect(bolt.getLevel()).toBe(BoltLogLevel.ERROR);
      expect(records(logger).map((record) => record.msg)).toEqual(["shown"]);
    });
  });

  describe("names", () => {
    it("names a child after its parent, and a child's child after both", () => {
      const logger = captureLogger();
      logger.child("slack").child("web-api").info("call");
      logger.child("store").info("open");
      expect(records(logger).map((record) => record.name)).toEqual(["test:slack:web-api", "test:store"]);
    });

    it("takes the name Bolt's Web API client sets, once, and names its children after it", () => {
      const logger = captureLogger();
      logger.setName("web-api:WebClient:0");
      logger.info("call");
      logger.child("retry").info("again");
      expect(logger.lines[0]?.match(/"name"/g)).toHaveLength(1);
      expect(records(logger).map((record) => record.name)).toEqual([
        "web-api:WebClient:0",
        "web-api:WebClient:0:retry",
      ]);
    });
  });

  it("logs what Bolt passes alone, such as an Error, as a detail with no message", () => {
    const logger = captureLogger();
    const bolt: Logger = logger;
    bolt.debug(new Error("socket closed"));
    const [record] = records(logger);
    expect(record).not.toHaveProperty("msg");
    expect(record?.data).toMatchObject([{ error: "Error", message: "socket closed" }]);
  });
});
