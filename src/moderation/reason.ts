import { characterCount } from "../common/text-length.js";
import { REASON_LIMIT, ReasonTooLongError } from "./errors.js";

/** Characters as a person counts them (an emoji is one), which is how the limit is explained to them. */
export function reasonLength(reason: string): number {
  return characterCount(reason);
}

/**
 * WhatsApp takes reasons under 60 characters: refused before any call, with the length typed. One rule for every
 * surface, so the modal, the command and the core never disagree on a count.
 */
export function reasonTooLong(reason: string | undefined): ReasonTooLongError | undefined {
  if (reason === undefined) return undefined;
  const length = reasonLength(reason);
  return length >= REASON_LIMIT ? new ReasonTooLongError(length) : undefined;
}
