import { describe, expect, it } from "vitest";
import type { LogLevel } from "../../src/log/logger.js";
import { SECRET_KEYS } from "../../src/log/redact-paths.js";
import { captureLogger } from "../support/capture-logger.js";
import { FREE_TEXT_SECRETS } from "./secrets.js";

const LEVELS: LogLevel[] = ["debug", "info", "warn", "error"];
// A value no free-text pattern would catch on its own: only the key says it is a secret.
const KEYED_SECRET = "plain-looking-value-42";

function onlyRecord(logger: { lines: string[] }): { data: unknown[] } & Record<string, unknown> {
  expect(logger.lines).toHaveLength(1);
  return JSON.parse(logger.lines[0] ?? "{}");
}

/** `{ [key]: value }` under `depth` levels of nesting, and the property path down to the value. */
function nested(key: string, value: string, depth: number): { detail: unknown; path: string[] } {
  const outer = ["request", "headers"].slice(0, depth);
  const detail = outer.reduceRight<unknown>((inner, name) => ({ [name]: inner }), { [key]: value });
  return { detail, path: [...outer, key] };
}

describe.each(LEVELS)("at %s level", (level) => {
  describe("the secret keys of a logged object", () => {
    it.each(SECRET_KEYS.flatMap((key) => [0, 1, 2].map((depth) => [key, depth] as const)))(
      "censor %s at depth %i",
      (key, depth) => {
        const logger = captureLogger(level);
        const { detail, path } = nested(key, KEYED_SECRET, depth);
        logger[level]("login", { messageId: "wamid.A1" }, detail);
        const record = onlyRecord(logger);
        expect(logger.lines[0]).not.toContain(KEYED_SECRET);
        expect(record.data[0]).toEqual({ messageId: "wamid.A1" });
        expect(
          path.reduce<unknown>((at, name) => (at as Record<string, unknown>)[name], record.data[1]),
        ).toBe("[redacted]");
      },
    );

    it("censor headers.authorization and leave other fields, and the caller's object, alone", () => {
      const logger = captureLogger(level);
      const headers = { authorization: "Bearer abc", accept: "application/json" };
      logger[level]("call", { headers, tokenExpiresAt: "2030-01-01T00:00:00Z" });
      expect(onlyRecord(logger).data).toEqual([
        {
          headers: { authorization: "[redacted]", accept: "application/json" },
          tokenExpiresAt: "2030-01-01T00:00:00Z",
        },
      ]);
      expect(headers.authorization).toBe("Bearer abc");
    });
  });

  describe.each(FREE_TEXT_SECRETS)("%s", (_, text, secret) => {
    const expectMasked = (logger: { lines: string[] }) => {
      const line = logger.lines.join("\n");
      expect(line).not.toContain(secret);
      expect(line).toContain("[redacted]");
    };

    it("is masked in the message", () => {
      const logger = captureLogger(level);
      logger[level](`failed: ${text}`);
      expectMasked(logger);
    });

    it("is masked in a detail string, and in a string nested in a detail", () => {
      const logger = captureLogger(level);
      logger[level]("failed", text, { response: { body: text } });
      expect(logger.lines[0]?.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(2);
      expectMasked(logger);
    });

    it("is masked in an Error's message, stack and cause", () => {
      const fromMessage = new Error(`refused: ${text}`);
      const fromStack = new Error("refused");
      fromStack.stack = `${fromStack.stack}\n    at login (${text})`;
      const fromCause = new Error("refused", { cause: new Error(text) });
      const fromTextCause = new Error("refused", { cause: text });
      for (const error of [fromMessage, fromStack, fromCause, fromTextCause]) {
        const logger = captureLogger(level);
        logger[level]("call failed", error);
        expectMasked(logger);
      }
    });
  });
});
