import { z } from "zod";
import { BSUID_PATTERN, WA_ID_PATTERN } from "./contact-ids.js";

/** One message of an inbound webhook, as both shapes carry it. */

export function lenient<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}

/**
 * An id field that may be missing, empty or malformed, read as absent: Meta's 2025 BSUID draft sent `""` for an
 * unknown number, and a sender id must be safe in store keys and Slack text (contact-ids.ts).
 */
function optionalId(pattern: RegExp) {
  return lenient(z.string()).transform((id) => (id !== undefined && pattern.test(id) ? id : undefined));
}
export const optionalWaId = optionalId(WA_ID_PATTERN);
export const optionalBsuid = optionalId(BSUID_PATTERN);

const mediaSchema = lenient(z.object({ caption: z.string().optional(), filename: z.string().optional() }));

/** What a message says, whoever sent it. */
const contentSchema = z.object({
  id: z.string().min(1),
  timestamp: z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(Number),
  type: z.string().min(1),
  text: lenient(z.object({ body: z.string() })),
  image: mediaSchema,
  video: mediaSchema,
  audio: mediaSchema,
  voice: mediaSchema,
  document: mediaSchema,
  sticker: mediaSchema,
  location: lenient(
    z.object({
      latitude: z.number().optional(),
      longitude: z.number().optional(),
      name: z.string().optional(),
      address: z.string().optional(),
    }),
  ),
  contacts: lenient(z.array(z.object({ name: z.object({ formatted_name: z.string() }).optional() }))),
  button: lenient(z.object({ text: z.string() })),
  interactive: lenient(
    z.object({
      button_reply: z.object({ title: z.string() }).optional(),
      list_reply: z.object({ title: z.string() }).optional(),
    }),
  ),
  reaction: lenient(z.object({ emoji: z.string().optional() })),
  // user_changed_number / user_changed_user_id name the new ids here (docs/CONTRACT.md §1.2).
  system: lenient(
    z.object({
      body: z.string().optional(),
      type: z.string().optional(),
      wa_id: optionalWaId,
      user_id: optionalBsuid,
    }),
  ),
});

/** On-prem: the sender is always `from` (docs/CONTRACT.md §1.1). */
export const messageSchema = contentSchema.extend({ from: z.string().min(1) });

/** Cloud: `from` and `from_user_id` may each be missing; the contacts array may name the sender instead. */
export const cloudMessageSchema = contentSchema.extend({ from: optionalWaId, from_user_id: optionalBsuid });

export type MessageContent = z.infer<typeof contentSchema>;
export type CloudMessage = z.infer<typeof cloudMessageSchema>;
