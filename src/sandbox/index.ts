/**
 * A WhatsApp Business On-Premises API emulator on 127.0.0.1 (SPEC §1.1): login with HTTP Basic and bearer tokens,
 * `POST /v1/contacts` with `processing` rounds and a 7-day cache (and the v2.43 "always valid" semantics),
 * block / unblock / report with the 24-hour rule, the paged blocklist, `/v1/health`, a 20/s rate limit, injectable
 * faults, and simulated inbound messages POSTed to a webhook in the On-Premises shape.
 *
 * Control API (no auth, loopback only): `POST /sandbox/inbound {from, text?, type?, name?}`,
 * `POST /sandbox/faults {fault, times?}`, `DELETE /sandbox/faults`, `POST /sandbox/version {version}`,
 * `GET /sandbox/state`.
 *
 * Default seed (default-seed.json): the business number is +1 631-555-0100 (US, so numbers sent without "+" get
 * country code 1). 45 WhatsApp users, all fictional:
 * - engaged (may be blocked or reported): +1 631-555-1001, -1002 and -1003 (5 min, 30 min, 3 h ago),
 *   +91 98765 00101 (10 h ago) and +54 9 11 5612-1008 (23 h ago: its window closes within the hour);
 * - +1 631-555-1004 last wrote 25 h ago: blocking it answers 2048 Not engaged contact;
 * - users who never wrote: +1 631-555-1005, +91 98765 00102, João Silva (typed +55 11 98765-4321, an older
 *   account whose wa_id 551187654321 lacks the ninth digit) and Sofía Ramírez (typed +52 55 1234 5678, wa_id
 *   5215512345678 with the legacy 521 prefix);
 * - 35 already blocked (+1 631-555-1010 to -1039 and five from IN, AR, BR, MX): three pages of 15.
 * Any other well-formed number is "invalid" (not on WhatsApp).
 */

export { SANDBOX_DEFAULT_PASSWORD, SANDBOX_DEFAULT_USERNAME } from "./auth.js";
export { SandboxInputError, SandboxSeedError } from "./errors.js";
export type { SandboxSeed } from "./seed-schema.js";
export { startSandbox } from "./server.js";
export type {
  InboundInput,
  InboundResult,
  InboundType,
  SandboxCall,
  SandboxFault,
  SandboxHandle,
  SandboxMessage,
  SandboxOptions,
  SandboxReport,
  SandboxState,
  SandboxUser,
  SandboxWebhook,
} from "./types.js";
