import { randomBytes } from "node:crypto";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const RANDOM_LENGTH = 26;
const HEX = "0123456789ABCDEF";

/** An On-Premises message id: 30 letters and digits, "ABGG" first ("ABGGFlA5FpafAgo6EhsLaGNwdXCDAQ"). */
function onPremId(): string {
  let id = "ABGG";
  for (const byte of randomBytes(RANDOM_LENGTH)) id += ALPHABET[byte % ALPHABET.length];
  return id;
}

/**
 * A Cloud message id: "wamid." and base64 of bytes laid out like Meta's (a 20-character hex id between framing
 * bytes), e.g. "wamid.HBUCABIYFDNBNEE2NTk5QUVFMDM4MTAxNDRGAA==".
 */
function wamid(): string {
  let hex = "";
  for (const byte of randomBytes(20)) hex += HEX[byte % HEX.length];
  const bytes = Buffer.concat([
    Buffer.from([0x1c, 0x15, 0x02, 0x00, 0x12, 0x18, 0x14]),
    Buffer.from(hex),
    Buffer.from([0]),
  ]);
  return `wamid.${bytes.toString("base64")}`;
}

/** Message ids shaped like the server's (On-Premises or Cloud), unique among those this generator has issued. */
export function createMessageIdGenerator(shape: "onprem" | "cloud" = "onprem"): () => string {
  const draw = shape === "cloud" ? wamid : onPremId;
  const issued = new Set<string>();
  return () => {
    let id = draw();
    while (issued.has(id)) id = draw();
    issued.add(id);
    return id;
  };
}
