import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/**
 * Compares two secrets in constant time. Both sides are hashed first so the buffers always have equal length
 * and the comparison leaks neither the content nor the length of the expected value.
 */
export function secretsEqual(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected));
}

const SIGNATURE_HEADER = /^sha256=([0-9a-f]{64})$/i;

/** The JSON text with every non-ASCII UTF-16 unit written `\uXXXX` in lowercase hex ("ä" → "\u00e4"). */
export function escapeUnicode(json: string): string {
  // No `u` flag: the class matches single UTF-16 units, so an emoji becomes its two surrogate escapes.
  return json.replace(/[\u0080-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

const hasNonAscii = (body: Buffer): boolean => body.some((byte) => byte > 0x7f);

/**
 * Checks a cloud `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 under the app secret>`. Meta says it signs the
 * escaped-unicode form of the body while emulators sign the raw bytes (docs/CONTRACT.md §1.2): either is
 * accepted, each compared in constant time.
 */
export function hubSignatureValid(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  const hex = header === undefined ? undefined : SIGNATURE_HEADER.exec(header.trim())?.[1];
  if (hex === undefined) return false;
  const given = Buffer.from(hex, "hex");
  const signs = (payload: Buffer | string) =>
    timingSafeEqual(given, createHmac("sha256", appSecret).update(payload).digest());
  if (signs(rawBody)) return true;
  return hasNonAscii(rawBody) && signs(escapeUnicode(rawBody.toString("utf8")));
}
