import { createHmac } from "node:crypto";

/**
 * JSON with every non-ASCII UTF-16 unit written as a lowercase `\uXXXX` escape ("ä" -> "\u00e4", an emoji -> its
 * surrogate pair): the form Meta signs, and sends (docs/CONTRACT.md, Cloud API facts: signature).
 */
export function escapeNonAscii(json: string): string {
  let escaped = "";
  for (let i = 0; i < json.length; i += 1) {
    const unit = json.charCodeAt(i);
    escaped += unit < 0x80 ? json[i] : `\\u${unit.toString(16).padStart(4, "0")}`;
  }
  return escaped;
}

/** The X-Hub-Signature-256 header value for `body`: "sha256=" and the hex HMAC-SHA256 under the app secret. */
export function hubSignature(appSecret: string, body: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(body, "utf8").digest("hex")}`;
}
