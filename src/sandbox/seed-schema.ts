import { z } from "zod";
import { countryCallingCode, WA_ID_PATTERN } from "./numbers.js";

const waId = z.string().regex(WA_ID_PATTERN, "a wa_id is 7 to 15 digits, no +");

export const sandboxSeedSchema = z
  .strictObject({
    /** E.164 business number; its country code is prepended to numbers sent without "+". */
    businessNumber: z.string().regex(/^\+\d{8,15}$/, "the business number is E.164 with a leading +"),
    users: z.array(z.strictObject({ wa_id: waId, name: z.string().min(1).optional() })),
    engaged: z
      .array(
        z.strictObject({
          wa_id: waId,
          /** Default 30: well inside the 24-hour window. */
          lastInboundMinutesAgo: z.number().int().nonnegative().default(30),
        }),
      )
      .default([]),
    blocklist: z.array(waId).default([]),
  })
  .superRefine((seed, ctx) => {
    const users = new Set(seed.users.map((user) => user.wa_id));
    // A contact can only have written to the business from a WhatsApp account.
    for (const [index, contact] of seed.engaged.entries()) {
      if (!users.has(contact.wa_id)) {
        ctx.addIssue({
          code: "custom",
          path: ["engaged", index, "wa_id"],
          message: `${contact.wa_id} is engaged but not among users`,
        });
      }
    }
  })
  .transform((seed, ctx) => {
    const countryCode = countryCallingCode(seed.businessNumber);
    if (countryCode === undefined) {
      ctx.issues.push({
        code: "custom",
        path: ["businessNumber"],
        message: "no known country calling code",
        input: seed.businessNumber,
      });
      return z.NEVER;
    }
    return { ...seed, countryCode };
  });

export type SandboxSeed = z.input<typeof sandboxSeedSchema>;
export type ParsedSandboxSeed = z.output<typeof sandboxSeedSchema>;
