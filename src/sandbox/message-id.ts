import { randomBytes } from "node:crypto";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const RANDOM_LENGTH = 26;

/**
 * Message ids shaped like the server's ("ABGGFlA5FpafAgo6EhsLaGNwdXCDAQ": 30 letters and digits, "ABGG" first),
 * unique among those this generator has issued.
 */
export function createMessageIdGenerator(): () => string {
  const issued = new Set<string>();
  const draw = (): string => {
    const bytes = randomBytes(RANDOM_LENGTH);
    let id = "ABGG";
    for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
    return id;
  };
  return () => {
    let id = draw();
    while (issued.has(id)) id = draw();
    issued.add(id);
    return id;
  };
}
