import { z } from "zod";
import { BSUID_PATTERN, USERNAME_PATTERN } from "./bsuid.js";
import { countryCallingCode, WA_ID_PATTERN } from "./numbers.js";

const waId = z.string().regex(WA_ID_PATTERN, "a wa_id is 7 to 15 digits, no +");
const bsuid = z
  .string()
  .regex(BSUID_PATTERN, "a BSUID is a country code, a dot and letters or digits (US.13491208655302741918)");

/**
 * A user has a wa_id, a BSUID (`user_id`) or both. One with only a BSUID has no phone number the business may see:
 * the Cloud shape's username-only user; the On-Premises shape leaves such users out.
 */
const user = z
  .strictObject({
    wa_id: waId.optional(),
    user_id: bsuid.optional(),
    username: z
      .string()
      .regex(USERNAME_PATTERN, 'a username is "@" and 3 to 35 letters, digits, . or _')
      .optional(),
    name: z.string().min(1).optional(),
  })
  .refine((entry) => entry.wa_id !== undefined || entry.user_id !== undefined, {
    message: "a user needs a wa_id, a user_id or both",
  });

/** A contact who wrote to the business, named by wa_id or by BSUID. */
const engagedContact = z
  .strictObject({
    wa_id: waId.optional(),
    user_id: bsuid.optional(),
    /** Default 30: well inside the 24-hour window. */
    lastInboundMinutesAgo: z.number().int().nonnegative().default(30),
  })
  .refine((entry) => (entry.wa_id === undefined) !== (entry.user_id === undefined), {
    message: "name the contact by wa_id or by user_id (one of them)",
  });

export const sandboxSeedSchema = z
  .strictObject({
    /** E.164 business number; its country code is prepended to numbers sent without "+". */
    businessNumber: z.string().regex(/^\+\d{8,15}$/, "the business number is E.164 with a leading +"),
    users: z.array(user),
    engaged: z.array(engagedContact).default([]),
    /** wa_ids and BSUIDs, in blocking order. */
    blocklist: z.array(z.union([waId, bsuid])).default([]),
  })
  .superRefine((seed, ctx) => {
    const waIds = new Set(seed.users.flatMap((entry) => (entry.wa_id === undefined ? [] : [entry.wa_id])));
    const userIds = new Set<string>();
    for (const [index, entry] of seed.users.entries()) {
      if (entry.user_id === undefined) continue;
      if (userIds.has(entry.user_id)) {
        ctx.addIssue({ code: "custom", path: ["users", index, "user_id"], message: "two users share it" });
      }
      userIds.add(entry.user_id);
    }
    // A contact can only have written to the business from a WhatsApp account.
    for (const [index, contact] of seed.engaged.entries()) {
      const [field, id, known] =
        contact.wa_id === undefined ? ["user_id", contact.user_id, userIds] : ["wa_id", contact.wa_id, waIds];
      if (id !== undefined && !known.has(id)) {
        ctx.addIssue({
          code: "custom",
          path: ["engaged", index, field],
          message: `${id} is engaged but not among users`,
        });
      }
    }
    for (const [index, id] of seed.blocklist.entries()) {
      if (BSUID_PATTERN.test(id) && !userIds.has(id)) {
        ctx.addIssue({ code: "custom", path: ["blocklist", index], message: `${id} is not among users` });
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
