import { waIdToJid } from "../../phone/index.js";
import { apiErrors } from "../api-errors.js";
import type { Handler } from "../context.js";

const MAX_LIMIT = 200;
const DEFAULT_LIMIT = 100;

function integerParameter(
  query: URLSearchParams,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= min && value <= max)) {
    const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
    throw apiErrors.invalidParameter(`${name} must be an integer ${range}; got "${raw}"`);
  }
  return value;
}

/** GET /v1/contacts/blocklist?limit=(0,200]&offset=0, in the order contacts were blocked. */
export const blocklistHandler: Handler = (ctx, request) => {
  const limit = integerParameter(request.query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
  const offset = integerParameter(request.query, "offset", 0, 0, Number.MAX_SAFE_INTEGER);
  const { blocklist } = ctx.state;
  const contacts = blocklist.slice(offset, offset + limit).map((waId) => ({ wa_id: waIdToJid(waId) }));
  return { status: 200, body: { contacts, pagination: { limit, offset, total: blocklist.length } } };
};
