import { z } from "zod";
import { isBsuid, isParentBsuid } from "../bsuid.js";
import { translateContactInput } from "../numbers.js";
import { graphErrors } from "./graph-errors.js";

/** Meta's limit on users per block or unblock call. */
const MAX_USERS_PER_CALL = 1000;

const required = (otherwise: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? "is required" : otherwise;

const element = z
  .object(
    {
      user: z.string({ error: "must be a string" }).min(1, { error: "must not be empty" }).optional(),
      user_id: z.string({ error: "must be a string" }).min(1, { error: "must not be empty" }).optional(),
    },
    { error: "must be an object" },
  )
  .refine((entry) => entry.user !== undefined || entry.user_id !== undefined, {
    error: "needs user (a phone number) or user_id (a BSUID)",
  });

const bodySchema = z.object(
  {
    messaging_product: z.literal("whatsapp", { error: required('must be "whatsapp"') }),
    block_users: z
      .array(element, { error: required("must be an array") })
      .min(1, { error: "must name at least 1 user" })
      .max(MAX_USERS_PER_CALL, { error: "must name at most 1,000 users" }),
  },
  { error: "The request body must be a JSON object" },
);

/** One user of a block or unblock call: a phone number (`user`, which wins when both are sent) or a BSUID. */
export type BlockTarget =
  | {
      kind: "phone";
      input: string /** The digits it dials; undefined when it is not a number. */;
      digits?: string;
    }
  | { kind: "bsuid"; input: string };

function pathOf(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) => (typeof part === "number" ? `[${part}]` : `${index ? "." : ""}${String(part)}`))
    .join("");
}

function targetOf(entry: z.infer<typeof element>, index: number, countryCode: string): BlockTarget {
  if (entry.user !== undefined) {
    const digits = translateContactInput(entry.user, countryCode);
    return digits === undefined
      ? { kind: "phone", input: entry.user }
      : { kind: "phone", input: entry.user, digits };
  }
  const id = entry.user_id ?? "";
  const where = `Param block_users[${index}].user_id`;
  if (isParentBsuid(id)) {
    throw graphErrors.parameter(
      `${where} is a parent BSUID (CC.ENT.…), which cannot be blocked or unblocked`,
    );
  }
  if (!isBsuid(id)) throw graphErrors.parameter(`${where} must be a BSUID such as US.13491208655302741918`);
  return { kind: "bsuid", input: id };
}

/**
 * The users of a `block_users` POST or DELETE body, or Graph's parameter error (100) for a body it would refuse as
 * a whole: a missing field, more than 1,000 users, a BSUID that is not one, or a parent BSUID.
 */
export function parseBlockUsersBody(body: unknown, countryCode: string): BlockTarget[] {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = pathOf(issue?.path ?? []);
    throw graphErrors.parameter(
      path === "" ? (issue?.message ?? "Invalid body") : `Param ${path} ${issue?.message}`,
    );
  }
  return parsed.data.block_users.map((entry, index) => targetOf(entry, index, countryCode));
}
