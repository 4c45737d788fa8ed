import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/**
 * Compares two secrets in constant time. Both sides are hashed first so the buffers always have equal length
 * and the comparison leaks neither the content nor the length of the expected value.
 */
export function secretsEqual(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected));
}

const SIGNATURE_PREFIX = "sha256=";

/** Checks a cloud `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body with the app secret>`. */
export function hubSignatureValid(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  if (!header?.startsWith(SIGNATURE_PREFIX)) return false;
  const expected = createHmac("sha256", appSecret).update(rawBody).digest("hex");
  return secretsEqual(header.slice(SIGNATURE_PREFIX.length).toLowerCase(), expected);
}
