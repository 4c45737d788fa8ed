import type { z } from "zod";
import { apiErrors } from "./api-errors.js";

/**
 * Parses a request body the way the server words its complaints: a missing field is 1008, an unknown one 1010,
 * anything else wrong 1009. Unknown fields are refused so a misspelt parameter (messageId) is not silently ignored.
 */
export function validateBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  if (!issue) throw apiErrors.invalidParameter("Request body is not valid");
  const field = issue.path.join(".");
  if (issue.code === "unrecognized_keys") {
    throw apiErrors.unexpectedParameter(`Unknown parameter: ${issue.keys.join(", ")}`);
  }
  const top = issue.path[0];
  const isObject = typeof body === "object" && body !== null && !Array.isArray(body);
  if (issue.code === "invalid_type" && isObject && typeof top === "string" && !(top in body)) {
    throw apiErrors.missingParameter(`Missing parameter: ${top}`);
  }
  throw apiErrors.invalidParameter(field === "" ? issue.message : `${field}: ${issue.message}`);
}
