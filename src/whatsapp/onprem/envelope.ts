import { z } from "zod";
import { InvalidPhoneNumberError, jidToWaId } from "../../phone/index.js";
import { WhatsAppApiError, WhatsAppAuthError, WhatsAppBadResponseError } from "../errors.js";
import type { HttpResponse } from "../http/transport.js";

/** The On-Premises JSON envelope: `meta` on success, `errors[]` on failure (even with HTTP 200). */

const metaSchema = z.object({ api_status: z.string(), version: z.string() });

const errorsSchema = z.object({
  errors: z
    .array(
      z.object({
        code: z.number().int(),
        title: z.string(),
        details: z.string().optional(),
      }),
    )
    .min(1),
});

/** Block, unblock, report: nothing to read but the version, which some nodes leave out of these answers. */
export const plainSchema = z.object({ meta: metaSchema.optional() });

export const loginSchema = z.object({
  users: z
    .array(
      z.object({
        token: z.string().min(1),
        // "2018-03-01 15:29:26+00:00"
        expires_after: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:?\d{2}|Z)$/),
      }),
    )
    .min(1),
  meta: metaSchema.optional(),
});

export const contactsSchema = z.object({
  meta: metaSchema,
  contacts: z.array(
    z.object({
      input: z.string(),
      status: z.enum(["processing", "valid", "invalid", "failed"]),
      wa_id: z.string().optional(),
    }),
  ),
});

/**
 * A blocked contact's JID ("16315551000@s.whatsapp.net"), read as its digits-only wa_id. An id that is not a
 * contact's is kept as it came: one odd row must not hide the rest of the page (the core shows it as it is).
 */
const blockedWaId = z.string().transform((jid) => {
  try {
    return jidToWaId(jid);
  } catch (error) {
    if (!(error instanceof InvalidPhoneNumberError)) throw error;
    return jid;
  }
});

export const blocklistSchema = z.object({
  meta: metaSchema,
  contacts: z.array(z.object({ wa_id: blockedWaId })),
  pagination: z.object({
    limit: z.number().int(),
    offset: z.number().int(),
    total: z.number().int().nonnegative(),
  }),
});

export const healthSchema = z.object({ meta: metaSchema, health: z.record(z.string(), z.unknown()) });

type Json = { ok: true; value: unknown } | { ok: false; error: unknown };

function parseJson(text: string): Json {
  // An empty answer is an empty object: fine for an action, a schema mismatch for anything with data.
  if (text.trim() === "") return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error };
  }
}

function hasErrorsKey(value: unknown): boolean {
  return typeof value === "object" && value !== null && "errors" in value;
}

function apiErrorIn(json: Json, response: HttpResponse): WhatsAppApiError | undefined {
  // Only a body with an `errors` key can be a failure; asking zod about every success would build (and throw
  // away) a ZodError each time.
  const failure = json.ok && hasErrorsKey(json.value) ? errorsSchema.safeParse(json.value) : undefined;
  const first = failure?.success ? failure.data.errors[0] : undefined;
  if (first === undefined) return undefined;
  const { code, title, details } = first;
  return new WhatsAppApiError({
    code,
    title,
    ...(details === undefined ? {} : { details }),
    httpStatus: response.status,
    retryAfter: response.retryAfter,
  });
}

/**
 * Reads one answer: returns the body parsed by `schema`, or throws WhatsAppAuthError (HTTP 401),
 * WhatsAppApiError (`errors[]`, whatever the status) or WhatsAppBadResponseError (anything else unexpected).
 */
export function readEnvelope<T>(response: HttpResponse, schema: z.ZodType<T>): T {
  const json = parseJson(response.text);
  const apiError = apiErrorIn(json, response);
  if (response.status === 401) {
    throw new WhatsAppAuthError("WhatsApp refused the credentials (HTTP 401)", { cause: apiError });
  }
  if (!json.ok) {
    // The body is left out: an HTML error page says nothing useful and may be huge.
    throw new WhatsAppBadResponseError(
      `WhatsApp answered HTTP ${response.status} with a body that is not JSON`,
      response.status,
      { cause: json.error },
    );
  }
  if (apiError !== undefined) throw apiError;
  if (response.status < 200 || response.status > 299) {
    throw new WhatsAppBadResponseError(
      `WhatsApp answered HTTP ${response.status} without an errors[] body`,
      response.status,
    );
  }
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? "the body" : issue.path.join(".");
    throw new WhatsAppBadResponseError(
      `WhatsApp answered HTTP ${response.status} with an unexpected shape at ${where}`,
      response.status,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

export type ContactsAnswer = z.infer<typeof contactsSchema>;
export type BlocklistAnswer = z.infer<typeof blocklistSchema>;
