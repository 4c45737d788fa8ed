import { closeSync, openSync, rmSync, statSync } from "node:fs";
import { SandboxStateFileError } from "./errors.js";

/**
 * A lock between processes on one file (`<path>.lock`, created exclusively), held for the few milliseconds a
 * sandbox request takes to read, change and write its state. Synchronous on purpose: the change it guards is, so
 * no other request of this process can slip in between.
 */

const RETRY_MS = 2;
/** A lock older than this was left by a process that died holding it. */
const STALE_MS = 2_000;
const GIVE_UP_MS = 10_000;
const pause = new Int32Array(new SharedArrayBuffer(4));

export function lockFile(path: string): () => void {
  const lockPath = `${path}.lock`;
  const startedAt = Date.now();
  for (;;) {
    try {
      closeSync(openSync(lockPath, "wx"));
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    if (isStale(lockPath)) rmSync(lockPath, { force: true });
    if (Date.now() - startedAt > GIVE_UP_MS) {
      throw new SandboxStateFileError(`the sandbox state ${path} stayed locked by another process`);
    }
    Atomics.wait(pause, 0, 0, RETRY_MS);
  }
}

function isStale(lockPath: string): boolean {
  try {
    return Date.now() - statSync(lockPath).mtimeMs > STALE_MS;
  } catch {
    return false; // released meanwhile
  }
}
