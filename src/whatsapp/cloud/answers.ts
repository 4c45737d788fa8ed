import { z } from "zod";

/**
 * The shapes Graph answers `/{PHONE_NUMBER_ID}/block_users` with (docs/CONTRACT.md §1.2). Fields the client does
 * not use are left out (zod drops them); anything optional in some source is optional here.
 */

/** `error_data` is an object with `details` on WhatsApp errors; anything else in it must not hide the code. */
const errorData = z
  .object({ details: z.string().optional() })
  .optional()
  .catch(() => undefined);

/** A top-level Graph error. `fbtrace_id` is missing in some peer fixtures and empty in one Meta example. */
export const graphErrorSchema = z.object({
  message: z.string(),
  type: z.string().optional(),
  code: z.number().int(),
  error_subcode: z.number().int().optional(),
  error_data: errorData,
  fbtrace_id: z.string().optional(),
});

export const graphErrorEnvelopeSchema = z.object({ error: graphErrorSchema });

/** `wa_id` only when a phone number was sent, `user_id` only when a BSUID was. */
const userRow = z.object({
  input: z.string(),
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
});

const userError = z.object({
  message: z.string(),
  code: z.number().int(),
  error_data: errorData,
});

const failedRow = userRow.extend({ errors: z.array(userError).default([]) });

/** Block and unblock answers; with HTTP 200 or 400, and a top-level 139100 error beside a partial failure. */
export const blockUsersAnswerSchema = z.object({
  block_users: z.object({
    added_users: z.array(userRow).optional(),
    removed_users: z.array(userRow).optional(),
    failed_users: z.array(failedRow).optional(),
  }),
  error: graphErrorSchema.optional(),
});

/** One blocklist row: `wa_id` is absent for users known only by their BSUID. */
const blockedRow = z.object({
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
  parent_user_id: z.string().optional(),
});

/** A blocklist page. Graph leaves `paging` (or its cursors) out of an empty list. */
export const blocklistAnswerSchema = z.object({
  data: z.array(blockedRow),
  paging: z
    .object({
      cursors: z.object({ before: z.string().optional(), after: z.string().optional() }).optional(),
      next: z.string().optional(),
      previous: z.string().optional(),
    })
    .optional(),
});

export type GraphErrorBody = z.infer<typeof graphErrorSchema>;
export type BlockUsersAnswer = z.infer<typeof blockUsersAnswerSchema>;
export type FailedUser = NonNullable<BlockUsersAnswer["block_users"]["failed_users"]>[number];
export type BlocklistAnswer = z.infer<typeof blocklistAnswerSchema>;
