import { readFileSync } from "node:fs";

/**
 * The Cloud webhook bodies of test/fixtures/cloud/ (see its README for each one's source), as the bytes that
 * were sent: the emulator's signatures are over these bytes, so they are never re-serialised.
 */
export function fixtureBytes(name: string): Buffer {
  return readFileSync(new URL(`../fixtures/cloud/${name}`, import.meta.url));
}

export function fixtureJson(name: string): unknown {
  return JSON.parse(fixtureBytes(name).toString("utf8"));
}

export const FIXTURES = {
  bsuidInbound: "meta-bsuid-inbound-text-username-no-phone.json",
  draftInbound: "meta-bsuid-2025draft-inbound-empty-from.json",
  openapiText: "openapi-v23-webhook-text-message.json",
  pywaText: "pywa-tests-updates-message-text.json",
  statusToPhone: "meta-bsuid-status-delivered-sent-to-phone.json",
  statusToBsuid: "meta-bsuid-status-delivered-sent-to-bsuid-no-phone.json",
  statusFailed: "meta-bsuid-status-failed-131049-no-contacts.json",
  emulatorAscii: "ericvera-emulator-signed-inbound-ascii.json",
  emulatorNonAscii: "ericvera-emulator-signed-inbound-nonascii.json",
} as const;

/** The X-Hub-Signature-256 headers the emulator sent with its bodies, under app secret "test-app-secret". */
export const EMULATOR_APP_SECRET = "test-app-secret";
export const EMULATOR_SIGNATURES = {
  ascii: "sha256=7e2f92f6dbd1579024dfa31a4df7907bb034976e4e3535d7d802df8944701ad8",
  nonAscii: "sha256=c6b568c67cef9228dcdb6099c6ffeecae00efce05e21ed77a14f1f4cdf532acd",
} as const;

export const BSUID = "US.13491208655302741918";
