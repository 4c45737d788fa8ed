import { StoreUrlError } from "./errors.js";
import type { StoreKind } from "./types.js";

export type StoreLocation =
  | { kind: Extract<StoreKind, "sqlite">; path: string; displayUrl: string }
  | { kind: Exclude<StoreKind, "sqlite">; url: string; displayUrl: string };

const SQLITE_PREFIX = "sqlite://";

/** Reads STORE_URL. SQLite paths are taken verbatim (relative to the working directory), not URL-parsed. */
export function parseStoreUrl(raw: string): StoreLocation {
  const url = raw.trim();
  if (url.startsWith(SQLITE_PREFIX)) {
    const path = url.slice(SQLITE_PREFIX.length);
    if (path === "") throw new StoreUrlError("names no SQLite file");
    return { kind: "sqlite", path, displayUrl: url };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new StoreUrlError("is not a URL");
  }
  const displayUrl = maskPassword(parsed);
  switch (parsed.protocol) {
    case "redis:":
    case "rediss:":
      // The path selects a numbered database; the Redis client throws on anything else.
      if (!/^\/?\d*$/.test(parsed.pathname))
        throw new StoreUrlError(`${displayUrl}: the path must be a database number`);
      return { kind: "redis", url, displayUrl };
    case "postgres:":
    case "postgresql:":
      return { kind: "postgres", url, displayUrl };
    default:
      throw new StoreUrlError(`scheme "${parsed.protocol}" is not supported`);
  }
}

function maskPassword(url: URL): string {
  if (url.password === "") return url.href;
  const masked = new URL(url.href);
  masked.password = "***";
  return masked.href;
}
