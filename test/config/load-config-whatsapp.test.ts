import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, formatConfigProblems, loadConfig } from "../../src/config/load-config.js";
import { MINIMAL_ENV, problemsOf, problemWith, variablesWithProblems } from "./helpers.js";

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

describe("loadConfig: WhatsApp", () => {
  describe("choosing the backend", () => {
    it("uses the sandbox, with a US business number, when WA_API_URL is unset", () => {
      const { whatsapp } = loadConfig(MINIMAL_ENV);
      expect(whatsapp).toEqual({
        backend: "sandbox",
        timeoutMs: 10_000,
        defaultCountry: "US",
        graphUrl: "https://graph.facebook.com/v25.0",
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
        '"onprom" is not one of: onprem, cloud, sandbox, sandbox-cloud',
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
    it("keeps the phone number id, the token, the country and the default Graph URL", () => {
      const { whatsapp } = loadConfig({ ...MINIMAL_ENV, ...CLOUD_SETTINGS, WA_BACKEND: "Cloud" });
      expect(whatsapp).toMatchObject({
        backend: "cloud",
        token: "cloud-token-1",
        phoneNumberId: "1065",
        defaultCountry: "BR",
        graphUrl: "https://graph.facebook.com/v25.0",
      });
    });

    it("lists every missing setting at once, each with an example value", () => {
      expect(
        variablesWithProblems({ ...MINIMAL_ENV, WA_BACKEND: "cloud", RELAY_CHANNEL: "C0456EFGH" }),
      ).toEqual(["WA_TOKEN", "WA_DEFAULT_COUNTRY", "WA_PHONE_NUMBER_ID", "WA_APP_SECRET", "WA_VERIFY_TOKEN"]);
      const printed = formatConfigProblems(
        new ConfigError(problemsOf({ ...MINIMAL_ENV, WA_BACKEND: "cloud" })),
      );
      expect(printed).toContain("(example: WA_PHONE_NUMBER_ID=106540352242922)");
      expect(printed).toContain("(example: WA_DEFAULT_COUNTRY=US)");
    });

    it("needs the webhook secrets only when the relay is on", () => {
      expect(variablesWithProblems({ ...MINIMAL_ENV, ...CLOUD_SETTINGS, WA_BACKEND: "cloud" })).toEqual([]);
    });

    it("refuses a WA_GRAPH_URL that is not an http(s) URL", () => {
      expect(problemWith({ ...CLOUD_SETTINGS, WA_GRAPH_URL: "graph.facebook.com" }, "WA_GRAPH_URL")).toBe(
        '"graph.facebook.com" is not an http(s) URL',
      );
    });
  });

  describe("sandbox-cloud", () => {
    it("needs no setting: the built-in sandbox speaks the Cloud API", () => {
      expect(
        variablesWithProblems({ ...MINIMAL_ENV, WA_BACKEND: "sandbox-cloud", RELAY_CHANNEL: "C0456EFGH" }),
      ).toEqual([]);
      expect(loadConfig({ ...MINIMAL_ENV, WA_BACKEND: "sandbox-cloud" }).whatsapp.defaultCountry).toBe("US");
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
