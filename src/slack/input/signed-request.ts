import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Slack's "Verifying requests from Slack": `v0=HMAC-SHA256(secret, "v0:" + timestamp + ":" + body)`, with a
 * timestamp no more than 5 minutes off either way (docs/CONTRACT.md §8; Bolt only refuses old ones).
 */

export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

export interface SignedHeaders {
  timestamp: string | string[] | undefined;
  signature: string | string[] | undefined;
}

/** Why a request is refused with 401, or undefined when it is Slack's. */
export function signatureProblem(
  secret: string,
  headers: SignedHeaders,
  body: Buffer,
  nowMs: number = Date.now(),
): string | undefined {
  const { timestamp, signature } = headers;
  if (typeof timestamp !== "string" || !/^\d{1,12}$/.test(timestamp)) return "no valid timestamp";
  if (Math.abs(Math.floor(nowMs / 1000) - Number(timestamp)) > TIMESTAMP_TOLERANCE_SECONDS) {
    return "timestamp more than 5 minutes off";
  }
  if (typeof signature !== "string" || !/^v0=[0-9a-f]{64}$/.test(signature)) return "no valid signature";
  const expected = createHmac("sha256", secret).update(`v0:${timestamp}:`).update(body).digest();
  const given = Buffer.from(signature.slice(3), "hex");
  return timingSafeEqual(expected, given) ? undefined : "signature mismatch";
}
