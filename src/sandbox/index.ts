/**
 * The built-in WhatsApp sandbox, started in-process on 127.0.0.1, in one of two shapes over one state (users,
 * engagement times, blocklist):
 *
 * - On-Premises (`startSandbox()`, WA_BACKEND=sandbox; docs/CONTRACT.md, On-Premises facts): login with HTTP Basic
 *   and bearer tokens, `POST /v1/contacts` with `processing` rounds and a 7-day cache (and the v2.43 "always valid"
 *   semantics), block / unblock / report with the 24-hour rule, the paged blocklist, `/v1/health`, and inbound
 *   messages POSTed to a webhook in the On-Premises shape with X-Webhook-Secret.
 * - Cloud API (`startSandbox({ shape: "cloud" })`, WA_BACKEND=sandbox-cloud; docs/CONTRACT.md, Cloud API facts):
 *   `POST` / `DELETE` / `GET /{version}/{phoneNumberId}/block_users` with `Authorization: Bearer <token>` (the
 *   handle's `token`, `phoneNumberId`, `graphUrl`), per-user results with 131047 / 131021 / 139101 and a top-level
 *   139100, cursor paging that answers 139102 once the list changed, parent BSUIDs refused (100), Graph errors (190
 *   without the token), and inbound messages POSTed as Meta's Cloud webhook signed with X-Hub-Signature-256 over
 *   the body with non-ASCII escaped as `\uXXXX` (the body sent), under the handle's `appSecret`.
 * Both: a 20/s rate limit (429: On-Premises 1015, Cloud 130429) and injectable faults, each worded in its shape.
 *
 * Control API (no auth, loopback only, answers in the On-Premises envelope on both shapes):
 * `POST /sandbox/inbound` (On-Premises `{from, text?, type?, name?}`; Cloud `{from?, userId?, username?, text?,
 * type?, name?}`, at least one of from and userId), `POST /sandbox/faults {fault, times?}`, `DELETE /sandbox/faults`,
 * `GET /sandbox/state`, and On-Premises only `POST /sandbox/version {version}`.
 *
 * Default seed (default-seed.json): the business number is +1 631-555-0100 (US, so numbers sent without "+" get
 * country code 1). 45 WhatsApp users with phone numbers, all fictional:
 * - engaged (may be blocked or reported): +1 631-555-1001, -1002 and -1003 (5 min, 30 min, 3 h ago),
 *   +91 98765 00101 (10 h ago) and +54 9 11 5612-1008 (23 h ago: its window closes within the hour);
 * - +1 631-555-1004 last wrote 25 h ago: blocking it answers 2048 Not engaged contact (Cloud: 131047);
 * - users who never wrote: +1 631-555-1005, +91 98765 00102, João Silva (typed +55 11 98765-4321, an older
 *   account whose wa_id 551187654321 lacks the ninth digit) and Sofía Ramírez (typed +52 55 1234 5678, wa_id
 *   5215512345678 with the legacy 521 prefix);
 * - 35 already blocked (+1 631-555-1010 to -1039 and five from IN, AR, BR, MX): three pages of 15.
 * Any other well-formed number is "invalid" (not on WhatsApp).
 * The Cloud shape also knows BSUIDs and usernames: -1002 is US.10736251948273645012 (@marcus.lee), -1005 is
 * US.14628390175546203817 (@grace.okafor), +91 98765 00101 is IN.12093847561029384756, and every other phone user
 * has a BSUID derived from its wa_id. Three users have no phone number at all (username only, absent from the
 * On-Premises shape): @nightowl.deals US.15820394857610293847 (wrote 15 min ago), @quiet.heron
 * US.17263549801726354980 (never wrote) and @prize.desk.vip US.11928374655647382910 (blocked, the 36th row).
 */

export { SANDBOX_DEFAULT_PASSWORD, SANDBOX_DEFAULT_USERNAME } from "./auth.js";
export {
  SANDBOX_CLOUD_APP_SECRET,
  SANDBOX_CLOUD_TOKEN,
  SANDBOX_PHONE_NUMBER_ID,
  SANDBOX_WABA_ID,
} from "./cloud/defaults.js";
export { escapeNonAscii, hubSignature } from "./cloud/signature.js";
export type {
  CloudInboundInput,
  CloudSandboxHandle,
  CloudSandboxOptions,
  CloudSandboxWebhook,
} from "./cloud/types.js";
export { SandboxInputError, SandboxSeedError } from "./errors.js";
export type { SandboxSeed } from "./seed-schema.js";
export type { AnySandboxHandle } from "./server.js";
export { startSandbox } from "./server.js";
export type {
  InboundContent,
  InboundInput,
  InboundResult,
  InboundType,
  SandboxCall,
  SandboxCommonOptions,
  SandboxFault,
  SandboxHandle,
  SandboxHandleBase,
  SandboxMessage,
  SandboxOptions,
  SandboxReport,
  SandboxShape,
  SandboxState,
  SandboxUser,
  SandboxWebhook,
} from "./types.js";
