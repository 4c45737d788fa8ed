import { describe, expect, it } from "vitest";
import { type ServerSettings, toWhatsAppError } from "../../../src/whatsapp/http/network-errors.js";

const ON_PREM: ServerSettings = { urlVariable: "WA_API_URL", caFileVariable: "WA_CA_FILE" };
const GRAPH: ServerSettings = { urlVariable: "WA_GRAPH_URL" };

function networkError(code: string): Error {
  return Object.assign(new Error(`simulated ${code}`), { code });
}

describe("what undici's failures become", () => {
  it.each([
    ["UND_ERR_CONNECT_TIMEOUT", "WhatsAppTimeoutError", /did not answer within 800 ms/],
    ["UND_ERR_HEADERS_TIMEOUT", "WhatsAppTimeoutError", /did not answer/],
    ["UND_ERR_BODY_TIMEOUT", "WhatsAppTimeoutError", /did not answer/],
    ["ECONNREFUSED", "WhatsAppConnectionError", /could not reach WhatsApp/],
    ["ECONNRESET", "WhatsAppConnectionError", /could not reach WhatsApp/],
    ["UND_ERR_SOCKET", "WhatsAppConnectionError", /could not reach WhatsApp/],
    ["SELF_SIGNED_CERT_IN_CHAIN", "WhatsAppTlsError", /WA_CA_FILE/],
    ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", "WhatsAppTlsError", /WA_CA_FILE/],
    ["CERT_HAS_EXPIRED", "WhatsAppTlsError", /validity dates/],
    ["ERR_TLS_CERT_ALTNAME_INVALID", "WhatsAppTlsError", /host in WA_API_URL/],
    ["ERR_SSL_WRONG_VERSION_NUMBER", "WhatsAppTlsError", /scheme \(https\) and port/],
  ])("%s becomes a %s that says what to do", (code, name, message) => {
    const error = toWhatsAppError(networkError(code), 800, ON_PREM);

    expect(error.name).toBe(name);
    expect(error.message).toMatch(message);
    expect(error.message).toContain(code);
  });

  it.each([
    ["ECONNREFUSED", true],
    ["ENOTFOUND", true],
    ["UND_ERR_CONNECT_TIMEOUT", true],
    ["ECONNRESET", false],
    ["UND_ERR_HEADERS_TIMEOUT", false],
  ])("%s says whether the request certainly never reached the server (%s)", (code, neverSent) => {
    expect(toWhatsAppError(networkError(code), 800, ON_PREM)).toMatchObject({ neverSent });
  });
});

describe("TLS hints name the caller's own settings", () => {
  it.each([
    ["SELF_SIGNED_CERT_IN_CHAIN", /not trusted: check that WA_GRAPH_URL names the right host/],
    ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", /NODE_EXTRA_CA_CERTS/],
    ["ERR_TLS_CERT_ALTNAME_INVALID", /host in WA_GRAPH_URL/],
    ["ERR_SSL_WRONG_VERSION_NUMBER", /check that WA_GRAPH_URL has the right scheme \(https\) and port/],
    ["CERT_HAS_EXPIRED", /validity dates/],
  ])("for Graph, %s names WA_GRAPH_URL and never the On-Premises settings", (code, message) => {
    const error = toWhatsAppError(networkError(code), 800, GRAPH);

    expect(error.name).toBe("WhatsAppTlsError");
    expect(error.message).toMatch(message);
    expect(error.message).toContain(code);
    expect(error.message).not.toMatch(/WA_CA_FILE|WA_API_URL/);
  });

  it("for On-Premises, an untrusted certificate is answered with the CA file setting alone", () => {
    const error = toWhatsAppError(networkError("DEPTH_ZERO_SELF_SIGNED_CERT"), 800, ON_PREM);

    expect(error.message).toMatch(/trust the server's certificate with WA_CA_FILE$/);
    expect(error.message).not.toMatch(/WA_GRAPH_URL|NODE_EXTRA_CA_CERTS/);
  });
});
