import { z } from "zod";
import { lookUpContact } from "../contact-lookup.js";
import type { Handler } from "../context.js";
import { validateBody } from "../validate-body.js";

const contactsBodySchema = z.strictObject({
  blocking: z.enum(["wait", "no_wait"]).default("no_wait"),
  contacts: z.array(z.string()).min(1),
  force_check: z.boolean().default(false),
});

/** POST /v1/contacts */
export const contactsHandler: Handler = (ctx, request) => {
  const body = validateBody(contactsBodySchema, request.body);
  const settings = { processingRounds: ctx.processingRounds, now: ctx.now() };
  const lookup = { blocking: body.blocking, forceCheck: body.force_check };
  const contacts = body.contacts.map((input) => lookUpContact(ctx.state, input, lookup, settings));
  return { status: 200, body: { contacts } };
};
