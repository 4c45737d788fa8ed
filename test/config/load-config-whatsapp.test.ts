import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { MINIMAL_ENV, problemWith, variablesWithProblems } from "./helpers.js";

const ONPREM = {
  WA_API_URL: "https://wa.example.com:9090",
  WA_USERNAME: "admin",
  WA_PASSWORD: "pw-1",
  WA_DEFAULT_COUNTRY: "IN",
};
const CLOUD_SETTINGS = {
  WA_TOKEN: "cloud-token-1",
  WA_PHONE_NUMBER_ID: "1065",
  WA_DEFAULT_COUNTRY: "BR",
};
const CLOUD_UNAVAILABLE =
  '"cloud" is not available in this version: use onprem (with WA_API_URL), or leave WA_BACKEND and WA_API_URL unset for the built-in sandbox';

describe("loadConfig: WhatsApp", () => {
  describe("choosing the backend", () => {
    it("uses the sandbox, with a US business number, when WA_API_URL is unset", () => {
      const { whatsapp } = loadConfig(MINIMAL_ENV);
      expect(whatsapp).toEqual({
        backend: "sandbox",
        timeoutMs: 10_000,
        defaultCountry: "US",
        graphUrl: "https://graph.facebook.com/v23.0",
      });
    });

    it("uses onprem when WA_API_URL is set", () => {
      expect(loadConfig({ ...MINIMAL_ENV, ...ONPREM }).whatsapp.backend).toBe("onprem");
    });

    it("takes WA_BACKEND in any case", () => {
      expect(loadConfig({ ...MINIMAL_ENV, ...ONPREM, WA_BACKEND: "OnPrem" }).whatsapp.backend).toBe("onprem");
    });

    it("refuses an unknown WA_BACKEND, naming the allowed values", () => {
      expect(problemWith({ WA_BACKEND: "onprom" }, "WA_BACKEND")).toBe(
        '"onprom" is not one of: onprem, cloud, sandbox',
      );
    });
  });

  describe("onprem", () => {
    it("keeps the URL, the login and the country", () => {
      const { whatsapp } = loadConfig({ ...MINIMAL_ENV, ...ONPREM });
      expect(whatsapp).toMatchObject({
        apiUrl: "https://wa.example.com:9090",
        username: "admin",
        password: "pw-1",
        defaultCountry: "IN",
      });
    });

    it("needs a URL, a login and a country", () => {
      expect(variablesWithProblems({ ...MINIMAL_ENV, WA_BACKEND: "onprem" })).toEqual([
        "WA_API_URL",
        "WA_USERNAME",
        "WA_DEFAULT_COUNTRY",
      ]);
      expect(problemWith({ WA_BACKEND: "onprem" }, "WA_USERNAME")).toBe(
        "missing — set WA_USERNAME and WA_PASSWORD (the On-Premises login), or WA_TOKEN; needed with WA_BACKEND=onprem",
      );
    });

    it("says the backend was implied by WA_API_URL when WA_BACKEND is unset", () => {
      expect(problemWith({ ...ONPREM, WA_DEFAULT_COUNTRY: "" }, "WA_DEFAULT_COUNTRY")).toMatch(
        /^missing — the ISO country .*; needed with WA_BACKEND=onprem, the default when WA_API_URL is set$/,
      );
    });

    it("accepts WA_TOKEN instead of a login", () => {
      const env = { ...MINIMAL_ENV, ...ONPREM, WA_USERNAME: "", WA_PASSWORD: "", WA_TOKEN: "static-token" };
      expect(loadConfig(env).whatsapp.token).toBe("static-token");
    });

    it("asks for the password when only the user is set", () => {
      expect(problemWith({ ...ONPREM, WA_PASSWORD: "" }, "WA_PASSWORD")).toMatch(
        /^missing — the On-Premises API user's password; WA_USERNAME is set without it$/,
      );
    });

    it("refuses a WA_API_URL that is not an http(s) URL, hiding credentials in it", () => {
      expect(problemWith({ ...ONPREM, WA_API_URL: "ftp://admin:hunter2@wa.local" }, "WA_API_URL")).toBe(
        '"ftp://***@wa.local" is not an http(s) URL',
      );
    });
  });

  describe("cloud", () => {
    it("is refused as not available in this version, saying what to use instead", () => {
      expect(problemWith({ WA_BACKEND: "cloud" }, "WA_BACKEND")).toBe(CLOUD_UNAVAILABLE);
      expect(problemWith({ ...CLOUD_SETTINGS, WA_BACKEND: "Cloud" }, "WA_BACKEND")).toBe(CLOUD_UNAVAILABLE);
    });

    it("asks for nothing the Cloud API would need, since it cannot be used", () => {
      expect(
        variablesWithProblems({ ...MINIMAL_ENV, WA_BACKEND: "cloud", RELAY_CHANNEL: "C0456EFGH" }),
      ).toEqual(["WA_BACKEND"]);
    });

    it("is listed with every other problem, not left for start-up", () => {
      expect(variablesWithProblems({ SLACK_BOT_TOKEN: "xoxb-1", PORT: "http", WA_BACKEND: "cloud" })).toEqual(
        ["SLACK_SIGNING_SECRET", "PORT", "WA_BACKEND"],
      );
    });

    it("keeps the Cloud API settings SPEC names: the token, the phone number id and the Graph URL", () => {
      const { whatsapp } = loadConfig({ ...MINIMAL_ENV, ...CLOUD_SETTINGS });
      expect(whatsapp).toMatchObject({
        token: "cloud-token-1",
        phoneNumberId: "1065",
        defaultCountry: "BR",
        graphUrl: "https://graph.facebook.com/v23.0",
      });
    });

    it("refuses a WA_GRAPH_URL that is not an http(s) URL", () => {
      expect(problemWith({ ...CLOUD_SETTINGS, WA_GRAPH_URL: "graph.facebook.com" }, "WA_GRAPH_URL")).toBe(
        '"graph.facebook.com" is not an http(s) URL',
      );
    });
  });

  describe("WA_DEFAULT_COUNTRY", () => {
    it("accepts lower case and gives it upper case", () => {
      expect(
        loadConfig({ ...MINIMAL_ENV, ...ONPREM, WA_DEFAULT_COUNTRY: "in" }).whatsapp.defaultCountry,
      ).toBe("IN");
    });

    it("overrides the sandbox's US when set", () => {
      expect(loadConfig({ ...MINIMAL_ENV, WA_DEFAULT_COUNTRY: "GB" }).whatsapp.defaultCountry).toBe("GB");
    });

    it.each(["UK", "XX", "USA", "1"])("refuses %s with an example of a good code", (code) => {
      const problem = problemWith({ WA_DEFAULT_COUNTRY: code }, "WA_DEFAULT_COUNTRY");
      expect(problem).toBe(
        `"${code}" is not a country code libphonenumber supports (ISO 3166 alpha-2, like US, GB, IN)`,
      );
    });
  });

  describe("WA_CA_FILE", () => {
    const folder = mkdtempSync(join(tmpdir(), "wa-config-"));
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    it("is kept when it names a readable file", () => {
      const file = join(folder, "ca.pem");
      writeFileSync(file, "-----BEGIN CERTIFICATE-----\n");
      expect(loadConfig({ ...MINIMAL_ENV, WA_CA_FILE: file }).whatsapp.caFile).toBe(file);
    });

    it("is refused when the file does not exist", () => {
      const file = join(folder, "missing.pem");
      expect(problemWith({ WA_CA_FILE: file }, "WA_CA_FILE")).toBe(`"${file}" does not exist`);
    });

    it("is refused when it names a folder", () => {
      expect(problemWith({ WA_CA_FILE: folder }, "WA_CA_FILE")).toBe(`"${folder}" is not a file`);
    });
  });

  describe("WA_TIMEOUT_MS", () => {
    it("accepts the bounds, 100 and 120000", () => {
      expect(loadConfig({ ...MINIMAL_ENV, WA_TIMEOUT_MS: "100" }).whatsapp.timeoutMs).toBe(100);
      expect(loadConfig({ ...MINIMAL_ENV, WA_TIMEOUT_MS: "120000" }).whatsapp.timeoutMs).toBe(120_000);
    });

    it.each(["99", "120001", "1.5", "10s"])("refuses %s", (value) => {
      expect(problemWith({ WA_TIMEOUT_MS: value }, "WA_TIMEOUT_MS")).toBe(
        `"${value}" is not a whole number from 100 to 120000`,
      );
    });
  });
});
