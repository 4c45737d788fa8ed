import { LogLevel } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { createMemoryLogger, redact } from "../../src/log/logger.js";
import { AppError } from "../../src/shared/app-error.js";

class RemoteTimeoutError extends AppError {
  readonly code = "wa_timeout";
}

function loggedData(logger: { lines: string[] }): unknown[] {
  return JSON.parse(logger.lines[0] ?? "{}").data;
}

function firstFrame(stack: string | undefined): string | undefined {
  return stack?.split("\n").find((line) => line.trimStart().startsWith("at "));
}

describe("redact", () => {
  it.each([
    ["a Slack bot token", "token xoxb-1234-5678-abcdef used", "xoxb-1234-5678-abcdef"],
    ["a Slack app token", "xapp-1-A0-123-abc", "xapp-1-A0-123-abc"],
    ["a bearer token", "Authorization: Bearer eyJhbGciOi.J9.abc", "eyJhbGciOi.J9.abc"],
    ["Basic credentials", "Basic YWRtaW46c2VjcmV0", "YWRtaW46c2VjcmV0"],
    ["a password in JSON", '{"password":"hunter2!"}', "hunter2!"],
    ["a secret as key=value", "WEBHOOK_SECRET=abcdefabcdef1234", "abcdefabcdef1234"],
    ["credentials in a URL", "redis://user:pa55word@127.0.0.1:6379", "pa55word"],
    [
      "a response_url",
      '{"response_url":"https://hooks.slack.com/commands/T0001/1234/AbCdEf"}',
      "commands/T0001/1234/AbCdEf",
    ],
  ])("masks %s", (_, text, secret) => {
    const masked = redact(text);
    expect(masked).not.toContain(secret);
    expect(masked).toContain("[redacted]");
  });

  it("leaves ordinary text alone", () => {
    expect(redact("blocked +16315551001 (reason: spam)")).toBe("blocked +16315551001 (reason: spam)");
  });
});

describe("the logger", () => {
  it("writes one JSON line per call, with an expected error warned as its name, code, message and cause", () => {
    const logger = createMemoryLogger();
    const error = new RemoteTimeoutError("boom", { cause: new Error("socket hang up") });
    logger.warn("call failed", error);
    expect(logger.lines).toHaveLength(1);
    const line = JSON.parse(logger.lines[0] ?? "{}");
    expect(line).toMatchObject({ level: "warn", msg: "call failed" });
    expect(line.data).toEqual([
      {
        error: "RemoteTimeoutError",
        code: "wa_timeout",
        message: "boom",
        cause: { error: "Error", message: "socket hang up" },
      },
    ]);
  });

  it("logs an expected error with its stack when it is logged as an error", () => {
    const logger = createMemoryLogger();
    const error = new RemoteTimeoutError("boom");
    logger.error("call failed", error);
    expect(loggedData(logger)).toEqual([
      { error: "RemoteTimeoutError", code: "wa_timeout", message: "boom", stack: error.stack },
    ]);
  });

  describe("an unexpected error", () => {
    it("carries its stack, down to the first frame, and the message and stack of its cause", () => {
      const logger = createMemoryLogger();
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

    it("masks tokens in its message, its stack and its causes", () => {
      const logger = createMemoryLogger();
      const cause = new Error("retried with Bearer eyJhbGciOi.cause-secret");
      const error = new Error("slack refused\nxoxb-1111-2222-message-secret", { cause });
      error.stack = `${error.stack}\n    at login (https://admin:stack-pa55@wa.example.com/v1/users/login)`;
      logger.error("unexpected failure", { errorId: "ab12cd34" }, error);
      const line = logger.lines[0] ?? "";
      expect(line).not.toMatch(/message-secret|cause-secret|stack-pa55/);
      expect(line).toContain("xox-[redacted]");
      expect(line).toContain("Bearer [redacted]");
      expect(line).toContain("admin:[redacted]@");
    });

    it("stops at a cause chain that loops back on itself, showing each error once", () => {
      const logger = createMemoryLogger();
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
      const logger = createMemoryLogger();
      logger.error("rejected", new Error("request failed", { cause: { status: 503, retryable: true } }));
      expect(loggedData(logger)).toMatchObject([{ cause: "{ status: 503, retryable: true }" }]);
    });

    it("shows at most five causes of a long chain", () => {
      const logger = createMemoryLogger();
      let error = new Error("cause 8");
      for (let depth = 7; depth >= 0; depth -= 1) error = new Error(`cause ${depth}`, { cause: error });
      logger.error("deep", error);
      const line = logger.lines[0] ?? "";
      expect(line).toContain("cause 5");
      expect(line).not.toContain("cause 6");
      expect(line).toContain("[Error and deeper causes omitted]");
    });
  });

  it("masks secrets in whatever it is given, including nested objects", () => {
    const logger = createMemoryLogger();
    logger.debug("login", { auth: { password: "s3cr3t-pw" }, header: "Bearer tok-123456" });
    expect(logger.lines.join("\n")).not.toMatch(/s3cr3t-pw|tok-123456/);
  });

  it("drops lines below its level, and children share the level and the output", () => {
    const logger = createMemoryLogger(LogLevel.INFO);
    const child = logger.child("store");
    logger.debug("hidden");
    child.info("shown");
    expect(logger.lines).toHaveLength(1);
    expect(JSON.parse(logger.lines[0] ?? "{}").name).toBe("test:store");
  });
});
