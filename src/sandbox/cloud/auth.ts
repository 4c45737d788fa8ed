import { sameSecret } from "../auth.js";
import { graphErrors } from "./graph-errors.js";

/** Throws Graph's 401 (code 190) unless `authorization` is "Bearer <the sandbox's token>". */
export function verifyGraphToken(token: string, authorization: string | undefined): void {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  if (!match?.[1]) throw graphErrors.invalidToken(true);
  if (!sameSecret(match[1], token)) throw graphErrors.invalidToken(false);
}
