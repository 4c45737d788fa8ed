import { describe, expect, it } from "vitest";
import { AppError } from "../../src/common/app-error.js";
import { ConfigError, loadConfig } from "../../src/config/load-config.js";
import { MINIMAL_ENV, problemsOf, variablesWithProblems } from "./helpers.js";

describe("loadConfig: reporting problems", () => {
  describe("when several variables are wrong", () => {
    it("lists every problem at once, in .env.example order", () => {
      const env = {
        SLACK_BOT_TOKEN: "xoxb-1",
        PORT: "http",
        WA_BACKEND: "onprem",
        WA_DEFAULT_COUNTRY: "ZZ",
        LOG_LEVEL: "loud",
      };
      expect(variablesWithProblems(env)).toEqual([
        "SLACK_SIGNING_SECRET",
        "PORT",
        "WA_API_URL",
        "WA_USERNAME",
        "WA_DEFAULT_COUNTRY",
        "LOG_LEVEL",
      ]);
    });

    it("throws a ConfigError with the stable code config_invalid", () => {
      const wrong = { PORT: "http" };
      expect(() => loadConfig(wrong)).toThrow(
        expect.objectContaining({ code: "config_invalid", issues: expect.any(Array) }),
      );
      expect(() => loadConfig(wrong)).toThrow(ConfigError);
      expect(() => loadConfig(wrong)).toThrow(AppError);
    });

    it("gives every problem an example line for .env", () => {
      for (const issue of problemsOf({ PORT: "x", MODERATORS: "bob" })) {
        expect(issue.example).toMatch(new RegExp(`^${issue.variable}=\\S+$`));
      }
    });
  });

  describe("when a secret is wrong", () => {
    const secrets = {
      SLACK_BOT_TOKEN: "xoxp-hunter2-bot-token",
      SLACK_APP_TOKEN: "xoxb-hunter2-app-token",
      WEBHOOK_SECRET: "hunter2-short",
      STORE_URL: "mysql://root:hunter2-db-password@db/wa",
      WA_API_URL: "ftp://admin:hunter2-wa-password@wa.local",
    };

    it("neither the problems nor the error message contain its value", () => {
      let thrown: unknown;
      try {
        loadConfig({ ...MINIMAL_ENV, ...secrets });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ConfigError);
      const error = thrown as ConfigError;
      expect(error.issues.map((issue) => issue.variable)).toEqual(
        expect.arrayContaining(Object.keys(secrets)),
      );
      expect(JSON.stringify(error.issues)).not.toContain("hunter2");
      expect(error.message).not.toContain("hunter2");
    });
  });
});
