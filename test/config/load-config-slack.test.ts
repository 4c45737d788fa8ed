import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { LOCAL_BOT_TOKEN } from "../../src/config/types.js";
import { MINIMAL_ENV, problemsOf, problemWith } from "./helpers.js";

describe("loadConfig: Slack", () => {
  describe("with only a bot token and a signing secret", () => {
    it("runs in HTTP mode against the sandbox", () => {
      const config = loadConfig(MINIMAL_ENV);
      expect(config.slack).toEqual({
        botToken: "xoxb-1111-2222-abcd",
        signingSecret: "signing-secret-1",
        local: false,
        socketMode: false,
      });
      expect(config.whatsapp.backend).toBe("sandbox");
    });
  });

  describe("when SLACK_BOT_TOKEN is missing", () => {
    it("runs local mode (docs/CONTRACT.md §9) and needs no signing secret", () => {
      expect(problemsOf({})).toEqual([]);
      const config = loadConfig({});
      expect(config.slack).toEqual({ botToken: LOCAL_BOT_TOKEN, local: true, socketMode: false });
    });

    it("stays in local mode (HTTP on loopback) when only an app token is set", () => {
      const config = loadConfig({ SLACK_APP_TOKEN: "xapp-1-A2-3" });
      expect(config.slack).toEqual({ botToken: LOCAL_BOT_TOKEN, local: true, socketMode: false });
    });
  });

  describe("when SLACK_BOT_TOKEN is not a bot token", () => {
    it("asks for the xoxb- prefix without repeating the token", () => {
      const problem = problemWith({ SLACK_BOT_TOKEN: "xoxp-user-token-42" }, "SLACK_BOT_TOKEN");
      expect(problem).toBe('the value must start with "xoxb-"');
    });
  });

  describe("when SLACK_APP_TOKEN is set", () => {
    it("switches to Socket Mode and no longer needs a signing secret", () => {
      const config = loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1-A2-3" });
      expect(config.slack).toEqual({
        botToken: "xoxb-1",
        appToken: "xapp-1-A2-3",
        local: false,
        socketMode: true,
      });
    });

    it("refuses a token that is not an app-level token", () => {
      expect(problemWith({ SLACK_APP_TOKEN: "xoxb-wrong-kind" }, "SLACK_APP_TOKEN")).toBe(
        'the value must start with "xapp-"',
      );
    });
  });

  describe("when neither SLACK_SIGNING_SECRET nor SLACK_APP_TOKEN is set", () => {
    it("asks for the signing secret and points to Socket Mode as the alternative", () => {
      const problem = problemsOf({ SLACK_BOT_TOKEN: "xoxb-1" }).find(
        (issue) => issue.variable === "SLACK_SIGNING_SECRET",
      )?.problem;
      expect(problem).toMatch(/^missing — the signing secret .*needed in HTTP mode.*SLACK_APP_TOKEN/);
    });
  });

  describe("SLACK_API_URL", () => {
    it("is kept when it is an http(s) URL", () => {
      const config = loadConfig({ ...MINIMAL_ENV, SLACK_API_URL: "http://127.0.0.1:4010/api/" });
      expect(config.slack.apiUrl).toBe("http://127.0.0.1:4010/api/");
    });

    it("is refused, quoted, when it is not a URL", () => {
      expect(problemWith({ SLACK_API_URL: "slack.com/api" }, "SLACK_API_URL")).toBe(
        '"slack.com/api" is not an http(s) URL',
      );
    });
  });
});
