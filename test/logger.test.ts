import { LogLevel } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { createMemoryLogger, redact } from "../src/logger.js";

describe("redact", () => {
  it.each([
    ["a Slack bot token", "token xoxb-1234-5678-abcdef used", "xoxb-1234-5678-abcdef"],
    ["a Slack app token", "xapp-1-A0-123-abc", "xapp-1-A0-123-abc"],
    ["a bearer token", "Authorization: Bearer eyJhbGciOi.J9.abc", "eyJhbGciOi.J9.abc"],
    ["Basic credentials", "Basic YWRtaW46c2VjcmV0", "YWRtaW46c2VjcmV0"],
    ["a password in JSON", '{"password":"hunter2!"}', "hunter2!"],
    ["a secret as key=value", "WEBHOOK_SECRET=abcdefabcdef1234", "abcdefabcdef1234"],
    ["credentials in a URL", "redis://user:pa55word@127.0.0.1:6379", "pa55word"],
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
  it("writes one JSON line per call, with errors reduced to their name, code and message", () => {
    const logger = createMemoryLogger();
    const error = Object.assign(new Error("boom"), { code: "wa_timeout" });
    logger.warn("call failed", error);
    const line = JSON.parse(logger.lines[0] ?? "{}");
    expect(line).toMatchObject({ level: "warn", msg: "call failed" });
    expect(line.data).toEqual([{ error: "Error", code: "wa_timeout", message: "boom" }]);
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
