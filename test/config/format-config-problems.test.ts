import { describe, expect, it } from "vitest";
import { ConfigError, formatConfigProblems } from "../../src/config/load-config.js";

describe("formatConfigProblems", () => {
  it("writes one line per problem with the variable, what is wrong and an example, then points to .env.example", () => {
    const error = new ConfigError([
      {
        variable: "SLACK_BOT_TOKEN",
        problem: 'missing — the bot token from "OAuth & Permissions"',
        example: "SLACK_BOT_TOKEN=xoxb-1234-5678-abcd",
      },
      { variable: "PORT", problem: '"x" is not a whole number from 0 to 65535', example: "PORT=3000" },
    ]);
    expect(formatConfigProblems(error).split("\n")).toEqual([
      "wa-moderator cannot start: 2 problems in the environment (process environment or .env):",
      '  SLACK_BOT_TOKEN: missing — the bot token from "OAuth & Permissions" (example: SLACK_BOT_TOKEN=xoxb-1234-5678-abcd)',
      '  PORT: "x" is not a whole number from 0 to 65535 (example: PORT=3000)',
      "Every variable is described, with its default, in .env.example.",
    ]);
  });

  it("speaks of a single problem in the singular", () => {
    const error = new ConfigError([{ variable: "PORT", problem: "wrong", example: "PORT=3000" }]);
    expect(formatConfigProblems(error)).toMatch(/^wa-moderator cannot start: 1 problem in /);
  });
});
