import { describe, expect, it } from "vitest";
import { toWhatsAppError } from "../../../src/whatsapp/onprem/network-errors.js";
import { networkError } from "./fake-on-prem.js";

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
    const error = toWhatsAppError(networkError(code), 800);

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
    expect(toWhatsAppError(networkError(code), 800)).toMatchObject({ neverSent });
  });
});
