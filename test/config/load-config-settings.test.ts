import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { MINIMAL_ENV, problemWith } from "./helpers.js";

describe("loadConfig: store, moderation, relay and limits", () => {
  describe("with nothing but the Slack credentials", () => {
    it("applies the documented defaults", () => {
      const config = loadConfig(MINIMAL_ENV);
      expect(config).toMatchObject({
        port: 3000,
        storeUrl: "sqlite://./data/wa-moderator.sqlite",
        moderators: { users: [], groups: [] },
        checkDailyBudget: 200,
        blocklistPageSize: 15,
        logLevel: "info",
      });
      expect(config).not.toHaveProperty("auditChannel");
      expect(config).not.toHaveProperty("relayChannel");
      expect(config).not.toHaveProperty("webhookSecret");
    });
  });

  describe("empty values", () => {
    it("count as unset, so defaults apply", () => {
      expect(loadConfig({ ...MINIMAL_ENV, PORT: "", LOG_LEVEL: "  " })).toMatchObject({
        port: 3000,
        logLevel: "info",
      });
    });

    it("count as unset, so a required variable is missing", () => {
      expect(problemWith({ SLACK_SIGNING_SECRET: "" }, "SLACK_SIGNING_SECRET")).toMatch(/^missing — /);
    });
  });

  describe("PORT", () => {
    it("accepts 0, for a port chosen by the system", () => {
      expect(loadConfig({ ...MINIMAL_ENV, PORT: "0" }).port).toBe(0);
    });

    it("refuses a port above 65535", () => {
      expect(problemWith({ PORT: "70000" }, "PORT")).toBe('"70000" is not a whole number from 0 to 65535');
    });
  });

  describe("STORE_URL", () => {
    it.each([
      "sqlite:///var/lib/wa.sqlite",
      "redis://127.0.0.1:6379",
      "rediss://cache.example.com",
      "postgres://postgres@127.0.0.1:5432/test",
      "postgresql://postgres@127.0.0.1/test",
    ])("accepts %s", (url) => {
      expect(loadConfig({ ...MINIMAL_ENV, STORE_URL: url }).storeUrl).toBe(url);
    });

    it("refuses another database, naming only its scheme", () => {
      const problem = problemWith({ STORE_URL: "mysql://root:hunter2@db/wa" }, "STORE_URL");
      expect(problem).toMatch(/^STORE_URL scheme "mysql:" is not supported; use e\.g\. sqlite:\/\//);
      expect(problem).not.toContain("hunter2");
    });

    it("refuses a bare path", () => {
      expect(problemWith({ STORE_URL: "./data/wa.sqlite" }, "STORE_URL")).toMatch(/^STORE_URL is not a URL/);
    });

    // Both used to pass the configuration check and stop the app only once it tried to open the store.
    it.each([
      ["an SQLite URL that names no file", "sqlite://", /^STORE_URL names no SQLite file/],
      [
        "a Redis path that is not a database number",
        "redis://:hunter2@127.0.0.1/abc",
        /^STORE_URL redis:\/\/:\*\*\*@127\.0\.0\.1\/abc: the path must be a database number/,
      ],
    ])("refuses %s as the store would, hiding any password", (_, url, problem) => {
      const issue = problemWith({ STORE_URL: url }, "STORE_URL");
      expect(issue).toMatch(problem);
      expect(issue).not.toContain("hunter2");
    });
  });

  describe("MODERATORS", () => {
    it("splits users (U…, W…) from user groups (S…)", () => {
      const config = loadConfig({ ...MINIMAL_ENV, MODERATORS: "U0123ABCD, S0456EFGH,W0789IJKL" });
      expect(config.moderators).toEqual({ users: ["U0123ABCD", "W0789IJKL"], groups: ["S0456EFGH"] });
    });

    it("quotes every entry that is not an id", () => {
      expect(problemWith({ MODERATORS: "U0123ABCD,@alice,#mods" }, "MODERATORS")).toBe(
        '"@alice", "#mods": not Slack user ids (U…, W…) or user-group ids (S…)',
      );
    });
  });

  describe("AUDIT_CHANNEL and RELAY_CHANNEL", () => {
    it("keep channel ids", () => {
      const config = loadConfig({ ...MINIMAL_ENV, AUDIT_CHANNEL: "C0123ABCD", RELAY_CHANNEL: "G0456EFGH" });
      expect(config).toMatchObject({ auditChannel: "C0123ABCD", relayChannel: "G0456EFGH" });
    });

    it.each(["AUDIT_CHANNEL", "RELAY_CHANNEL"])("%s refuses a channel name", (variable) => {
      expect(problemWith({ [variable]: "#general" }, variable)).toMatch(/^"#general" is not a channel id/);
    });
  });

  describe("WEBHOOK_SECRET", () => {
    const onprem = { WA_API_URL: "https://wa.example.com", WA_TOKEN: "t", WA_DEFAULT_COUNTRY: "US" };

    it("is required when the relay is on with onprem", () => {
      expect(problemWith({ ...onprem, RELAY_CHANNEL: "C0456EFGH" }, "WEBHOOK_SECRET")).toMatch(
        /^missing — .*; needed when RELAY_CHANNEL is set with WA_BACKEND=onprem$/,
      );
    });

    it("is optional when the relay is on with the sandbox", () => {
      expect(loadConfig({ ...MINIMAL_ENV, RELAY_CHANNEL: "C0456EFGH" }).relayChannel).toBe("C0456EFGH");
    });

    it("refuses fewer than 16 characters without showing them", () => {
      expect(problemWith({ WEBHOOK_SECRET: "fifteen-chars!!" }, "WEBHOOK_SECRET")).toBe(
        "the value is too short: use at least 16 characters",
      );
    });
  });

  describe("CHECK_DAILY_BUDGET", () => {
    it("accepts 0: no uncached check at all", () => {
      expect(loadConfig({ ...MINIMAL_ENV, CHECK_DAILY_BUDGET: "0" }).checkDailyBudget).toBe(0);
    });

    it("refuses a negative number", () => {
      expect(problemWith({ CHECK_DAILY_BUDGET: "-1" }, "CHECK_DAILY_BUDGET")).toBe(
        '"-1" is not a whole number of 0 or more',
      );
    });
  });

  describe("BLOCKLIST_PAGE_SIZE", () => {
    it("accepts 10 to 20", () => {
      expect(loadConfig({ ...MINIMAL_ENV, BLOCKLIST_PAGE_SIZE: "10" }).blocklistPageSize).toBe(10);
      expect(loadConfig({ ...MINIMAL_ENV, BLOCKLIST_PAGE_SIZE: "20" }).blocklistPageSize).toBe(20);
    });

    it.each(["9", "21"])("refuses %s", (value) => {
      expect(problemWith({ BLOCKLIST_PAGE_SIZE: value }, "BLOCKLIST_PAGE_SIZE")).toBe(
        `"${value}" is not a whole number from 10 to 20`,
      );
    });
  });

  describe("LOG_LEVEL", () => {
    it("accepts a level in any case", () => {
      expect(loadConfig({ ...MINIMAL_ENV, LOG_LEVEL: "WARN" }).logLevel).toBe("warn");
    });

    it("refuses an unknown level, naming the allowed ones", () => {
      expect(problemWith({ LOG_LEVEL: "verbose" }, "LOG_LEVEL")).toBe(
        '"verbose" is not one of: debug, info, warn, error',
      );
    });
  });
});
