import { z } from "zod";

/** One message of an inbound webhook, as both shapes carry it. */

export function lenient<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}

const mediaSchema = lenient(z.object({ caption: z.string().optional(), filename: z.string().optional() }));

export const messageSchema = z.object({
  from: z.string().min(1),
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
  system: lenient(z.object({ body: z.string() })),
});

export type WebhookMessage = z.infer<typeof messageSchema>;
