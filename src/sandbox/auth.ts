import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { apiErrors } from "./api-errors.js";
import { SandboxApiFailure } from "./errors.js";
import { validateBody } from "./validate-body.js";

export const SANDBOX_DEFAULT_USERNAME = "admin";
/** Printed by `npm run sandbox`; it only ever guards a loopback emulator. */
export const SANDBOX_DEFAULT_PASSWORD = "Sandbox-Passw0rd!";
export const DEFAULT_TOKEN_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface Login {
  token: string;
  /** "YYYY-MM-DD HH:MM:SS+00:00", as the server writes it. */
  expiresAfter: string;
}

export interface SandboxAuth {
  readonly username: string;
  readonly password: string;
  /** POST /v1/users/login: HTTP Basic plus an optional `{new_password}` body. */
  login(authorization: string | undefined, body: unknown): Login;
  /** Throws 401 unless `authorization` carries a live bearer token. */
  verify(authorization: string | undefined): void;
  expireAll(): void;
}

const loginBodySchema = z.strictObject({ new_password: z.string().optional() });

export function sameSecret(a: string, b: string): boolean {
  // Comparing digests keeps the comparison constant-time whatever the lengths.
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}

function formatExpiry(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace("T", " ")}+00:00`;
}

function readBasic(authorization: string | undefined): { username: string; password: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(authorization ?? "");
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The server's own rule for new passwords: 8 to 64 characters mixing letters, digits and a symbol. */
function assertStrongPassword(password: string): void {
  const strong =
    password.length >= 8 &&
    password.length <= 64 &&
    /[a-z]/.test(password) &&
    /[A-Z]/.test(password) &&
    /\d/.test(password) &&
    /[^A-Za-z0-9]/.test(password);
  if (!strong) {
    throw apiErrors.invalidParameter(
      "new_password must be 8 to 64 characters with upper and lower case letters, a digit and a symbol",
    );
  }
}

export function createAuth(options: {
  username: string;
  password: string;
  requirePasswordChange: boolean;
  tokenTtlMs: number;
  now: () => number;
}): SandboxAuth {
  let password = options.password;
  let mustChangePassword = options.requirePasswordChange;
  const tokens = new Map<string, number>();

  return {
    username: options.username,
    get password() {
      return password;
    },
    login(authorization, body) {
      const credentials = readBasic(authorization);
      const valid =
        credentials !== undefined &&
        sameSecret(credentials.username, options.username) &&
        sameSecret(credentials.password, password);
      if (!valid) throw apiErrors.accessDenied("Invalid credentials");
      const { new_password: newPassword } = validateBody(loginBodySchema, body);
      if (newPassword === undefined && mustChangePassword) {
        throw new SandboxApiFailure({
          httpStatus: 401,
          waCode: 1005,
          title: "Password change required",
          details: 'The first login must set a new password: send {"new_password": "..."} in the body',
        });
      }
      if (newPassword !== undefined) {
        assertStrongPassword(newPassword);
        password = newPassword;
        mustChangePassword = false;
      }
      const token = randomBytes(32).toString("base64url");
      const expiresAt = options.now() + options.tokenTtlMs;
      tokens.set(token, expiresAt);
      return { token, expiresAfter: formatExpiry(expiresAt) };
    },
    verify(authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
      if (!match?.[1]) throw apiErrors.accessDenied("Authorization: Bearer <token> is required");
      const expiresAt = tokens.get(match[1]);
      if (expiresAt === undefined) throw apiErrors.accessDenied("Invalid token");
      if (expiresAt <= options.now()) throw apiErrors.accessDenied("Token expired");
    },
    expireAll() {
      for (const token of tokens.keys()) tokens.set(token, Number.NEGATIVE_INFINITY);
    },
  };
}
