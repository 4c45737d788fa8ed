import { z } from "zod";
import { definedOnly } from "../../common/defined-only.js";
import type { BlocklistPageRequest } from "../../whatsapp/backend.js";
import { SlackLimit } from "../text/text-rules.js";
import { StaleInteractionError } from "./errors.js";

/**
 * What buttons carry in their `value` (at most 2,000 characters): compact JSON with everything needed to serve
 * the click, so any replica can answer it without shared session state.
 */

const pageRequestSchema = z.union([
  z.object({ k: z.literal("o"), l: z.number().int().positive(), o: z.number().int().nonnegative() }),
  z.object({
    k: z.literal("c"),
    l: z.number().int().positive(),
    a: z.string().optional(),
    b: z.string().optional(),
  }),
]);

type CompactPageRequest = z.infer<typeof pageRequestSchema>;

function compactPageRequest(request: BlocklistPageRequest): CompactPageRequest {
  if (request.kind === "offset") return { k: "o", l: request.limit, o: request.offset };
  return { k: "c", l: request.limit, ...definedOnly({ a: request.after, b: request.before }) };
}

function expandPageRequest(compact: CompactPageRequest): BlocklistPageRequest {
  if (compact.k === "o") return { kind: "offset", limit: compact.l, offset: compact.o };
  return { kind: "cursor", limit: compact.l, ...definedOnly({ after: compact.a, before: compact.b }) };
}

function decode<T>(schema: z.ZodType<T>, value: string | undefined): T {
  let json: unknown;
  try {
    json = JSON.parse(value ?? "");
  } catch {
    throw new StaleInteractionError("this button's value is not readable");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new StaleInteractionError("this button's value is not one this version understands");
  return parsed.data;
}

/** A page of the blocklist: the upstream request and the 1-based page number it shows. */
export interface PageValue {
  request: BlocklistPageRequest;
  page: number;
}

const pageValueSchema = z.object({ r: pageRequestSchema, p: z.number().int().positive() });

export function encodePageValue(value: PageValue): string {
  return JSON.stringify({ r: compactPageRequest(value.request), p: value.page });
}

export function decodePageValue(value: string | undefined): PageValue {
  const parsed = decode(pageValueSchema, value);
  return { request: expandPageRequest(parsed.r), page: parsed.p };
}

/** Unblock from a blocklist page: the wa_id (or the BSUID of a row listed only by it), and the page to show again. */
export interface UnblockValue extends PageValue {
  waId: string;
}

const unblockValueSchema = pageValueSchema.extend({
  w: z.string().regex(/^(?:\d{5,20}|[A-Z]{2}\.[A-Za-z0-9]{1,128})$/),
});

export function encodeUnblockValue(value: UnblockValue): string {
  return JSON.stringify({ w: value.waId, r: compactPageRequest(value.request), p: value.page });
}

export function decodeUnblockValue(value: string | undefined): UnblockValue {
  const parsed = decode(unblockValueSchema, value);
  return { waId: parsed.w, request: expandPageRequest(parsed.r), page: parsed.p };
}

/** Block / Report from a check row: the E.164 number the row showed, or the BSUID of a contact known only by it. */
const rowValueSchema = z.object({ n: z.string().regex(/^(?:\+\d{5,20}|[A-Z]{2}\.[A-Za-z0-9]{1,128})$/) });

export function encodeRowValue(e164: string): string {
  return JSON.stringify({ n: e164 });
}

export function decodeRowValue(value: string | undefined): string {
  return decode(rowValueSchema, value).n;
}

/** The longest input a Re-check button carries as typed; a longer one is sent on as the number it was read as. */
export const RECHECK_INPUT_MAX_LENGTH = 64;

/**
 * Re-check: every input of the original check, so the answer replaces the whole message. A re-check asks for a
 * blocking answer and never forces: numbers already final come from the cache and cost no budget. (Whether the
 * message was public, Slack's click payload says.)
 */
const recheckValueSchema = z.object({
  i: z.array(z.string().min(1).max(RECHECK_INPUT_MAX_LENGTH)).min(1).max(50),
});

export function encodeRecheckValue(inputs: string[]): string {
  return JSON.stringify({ i: inputs });
}

export function decodeRecheckValue(value: string | undefined): string[] {
  return decode(recheckValueSchema, value).i;
}

/**
 * What a Re-check button carries for these rows: each input as typed, unless the value would pass Slack's 2,000
 * characters (long inputs, quotes JSON doubles); then the longest are sent on as the number they were read as,
 * which always fits (50 E.164 numbers take under 1,000).
 */
export function recheckInputs(rows: ReadonlyArray<{ input: string; e164: string }>): string[] {
  const inputs = rows.map((row) => (row.input.length <= RECHECK_INPUT_MAX_LENGTH ? row.input : row.e164));
  const longestFirst = inputs.map((_, index) => index).sort((a, b) => cost(inputs[b]) - cost(inputs[a]));
  for (const index of longestFirst) {
    if (encodeRecheckValue(inputs).length <= SlackLimit.ButtonValue) break;
    inputs[index] = rows[index]?.e164 ?? "";
  }
  return inputs;
}

/** Characters an input takes in the value, JSON escapes included. */
function cost(input: string | undefined): number {
  return JSON.stringify(input ?? "").length;
}
