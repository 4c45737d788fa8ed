import { parse as parseQuery } from "node:querystring";

/**
 * What a verified request to /slack/events is, decided before Bolt sees it (docs/CONTRACT.md §8): Bolt
 * dereferences the parsed body without a check (`payload=null` threw inside its receiver and stopped the
 * process) and waits 3 s before answering a request no listener serves. So:
 * - "dispatch": a slash command or an interaction of a type this app has listeners for; Bolt serves it;
 * - "ignore": a well-formed Slack request of a type this app does not serve; answered 200 at once;
 * - "malformed": anything else; answered 400 at once.
 */
export type RequestShape = "dispatch" | "ignore" | "malformed" | "ssl_check";

/** Interaction types with listeners (slack/listeners/index.ts). */
const DISPATCHED_TYPES: ReadonlySet<string> = new Set(["block_actions", "message_action", "view_submission"]);

/** Interaction and callback types Slack sends that this app has no listener for. */
const IGNORED_TYPES: ReadonlySet<string> = new Set([
  "block_suggestion",
  "dialog_cancellation",
  "dialog_submission",
  "dialog_suggestion",
  "event_callback",
  "interactive_message",
  "shortcut",
  "view_closed",
  "workflow_step_edit",
]);

const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function shapeOfPayload(payload: unknown): RequestShape {
  if (!isRecord(payload) || typeof payload.type !== "string") return "malformed";
  if (DISPATCHED_TYPES.has(payload.type)) return isRecord(payload.user) ? "dispatch" : "malformed";
  return IGNORED_TYPES.has(payload.type) ? "ignore" : "malformed";
}

function shapeOfForm(body: string): RequestShape {
  const fields = parseQuery(body);
  if (fields.ssl_check === "1") return "ssl_check";
  if ("payload" in fields) {
    return typeof fields.payload === "string" ? shapeOfPayload(parseJson(fields.payload)) : "malformed";
  }
  const { command, user_id: userId, text } = fields;
  if (typeof command !== "string" || !command.startsWith("/")) return "malformed";
  if (typeof userId !== "string" || userId === "") return "malformed";
  // Bolt sends a command to listeners by name; one this app does not serve is answered at once.
  if (text !== undefined && typeof text !== "string") return "malformed";
  return "dispatch";
}

function shapeOfJson(body: string): RequestShape {
  const parsed = parseJson(body);
  if (!isRecord(parsed) || typeof parsed.type !== "string") return "malformed";
  if (parsed.type === "url_verification")
    return typeof parsed.challenge === "string" ? "dispatch" : "malformed";
  return IGNORED_TYPES.has(parsed.type) ? "ignore" : "malformed";
}

/** The media type of a Content-Type header, without parameters, lower-cased. */
function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";", 1)[0]?.trim().toLowerCase() ?? "";
}

/**
 * Bolt reads a body as a form only when Content-Type is exactly the form type, and as JSON otherwise: any other
 * spelling is refused here rather than misread there.
 */
export function shapeOfRequest(contentType: string | undefined, body: string): RequestShape {
  if (contentType === FORM) return shapeOfForm(body);
  if (mediaType(contentType) === JSON_TYPE) return shapeOfJson(body);
  return "malformed";
}
