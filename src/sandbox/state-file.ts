import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { AppLogger } from "../log/logger.js";
import { lockFile } from "./file-lock.js";
import type {
  CachedLookup,
  SandboxMessage,
  SandboxReport,
  SandboxShape,
  SandboxState,
  SandboxUser,
} from "./types.js";
import { addUser } from "./users.js";

/**
 * The sandbox's state kept in the data folder (docs/CONTRACT.md §9): users, engagement and messages, reports, the
 * blocklist and the contact-check cache, in one file per shape. Every process that starts the sandbox on one data
 * folder (the bot, each run of the operator CLI, a restart) serves the same sandbox: a request changes the state as
 * the file holds it, under the file's lock, and writes it back before it answers. The call log, queued faults,
 * tokens and the rate limit stay each process's own.
 */
export interface StateSync {
  /** Reads the file again when another process has changed it since. */
  refresh(): void;
  /** Runs `change` on the state as the file holds it, then writes what changed (re-entrant). */
  change<T>(change: () => T): T;
}

/** A sandbox with no data folder: its state lives and dies with the process (tests, `npm run sandbox`). */
export const UNSHARED: StateSync = { refresh: () => undefined, change: (change) => change() };

const FORMAT = 1;

interface StateFileContent {
  format: typeof FORMAT;
  shape: SandboxShape;
  businessNumber: string;
  users: Array<[string, SandboxUser]>;
  engaged: Array<[string, number]>;
  blocklist: string[];
  blocklistVersion: number;
  reports: SandboxReport[];
  messages: SandboxMessage[];
  lookupCache: Array<[string, CachedLookup]>;
  pendingLookups: Array<[string, number]>;
}

export function stateFilePath(folder: string, shape: SandboxShape): string {
  return join(folder, `sandbox-${shape}.json`);
}

/**
 * Shares `state` (just built from the seed) through the file in `folder`: an earlier state there wins over the
 * seed; a file from another seed or shape, or an unreadable one, is replaced by the seed's state, with a warning.
 */
export function shareState(
  folder: string,
  state: SandboxState,
  shape: SandboxShape,
  logger: AppLogger | undefined,
): StateSync {
  const path = stateFilePath(folder, shape);
  let seen: string | undefined;
  let text: string | undefined;
  let depth = 0;

  const signature = (): string | undefined => {
    try {
      const stat = statSync(path);
      return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
    } catch {
      return undefined;
    }
  };
  /** Loads the file when it changed; false when it holds no usable state of this sandbox. */
  const load = (): boolean => {
    const now = signature();
    if (now === undefined) return false;
    if (now === seen) return true;
    const read = readFileSync(path, "utf8");
    const content = parse(read, state, shape);
    seen = now;
    if (content === undefined) return false;
    apply(content, state);
    text = read;
    return true;
  };
  const save = (): void => {
    const next = JSON.stringify(contentOf(state, shape));
    if (next === text) return;
    // Written aside and renamed over: a reader never meets half a file.
    const aside = `${path}.${process.pid}.tmp`;
    writeFileSync(aside, next);
    renameSync(aside, path);
    text = next;
    seen = signature();
  };

  mkdirSync(folder, { recursive: true });
  const unlock = lockFile(path);
  try {
    const existed = signature() !== undefined;
    if (existed && load()) logger?.info(`sandbox state read from ${path}`);
    else {
      if (existed)
        logger?.warn(`${path} holds no state of this sandbox (another seed?): starting from the seed`);
      save();
    }
  } finally {
    unlock();
  }

  return {
    refresh() {
      if (depth === 0) load();
    },
    change(change) {
      if (depth > 0) return change();
      const unlock = lockFile(path);
      depth += 1;
      try {
        load();
        return change();
      } finally {
        try {
          save();
        } finally {
          depth -= 1;
          unlock();
        }
      }
    },
  };
}

function contentOf(state: SandboxState, shape: SandboxShape): StateFileContent {
  return {
    format: FORMAT,
    shape,
    businessNumber: state.businessNumber,
    users: [...state.users],
    engaged: [...state.engaged],
    blocklist: state.blocklist,
    blocklistVersion: state.blocklistVersion,
    reports: state.reports,
    messages: state.messages,
    lookupCache: [...state.lookupCache],
    pendingLookups: [...state.pendingLookups],
  };
}

const LISTS = [
  "users",
  "engaged",
  "blocklist",
  "reports",
  "messages",
  "lookupCache",
  "pendingLookups",
] as const;

/** The file's content when it is this sandbox's (same format, shape and business number); else undefined. */
function parse(text: string, state: SandboxState, shape: SandboxShape): StateFileContent | undefined {
  let content: Partial<Record<keyof StateFileContent, unknown>>;
  try {
    content = JSON.parse(text) as typeof content;
  } catch {
    return undefined;
  }
  const ours =
    content.format === FORMAT &&
    content.shape === shape &&
    content.businessNumber === state.businessNumber &&
    typeof content.blocklistVersion === "number" &&
    LISTS.every((list) => Array.isArray(content[list]));
  return ours ? (content as StateFileContent) : undefined;
}

/** In place: handlers, tests and the call log hold on to the state's maps and arrays. */
function apply(content: StateFileContent, state: SandboxState): void {
  state.users.clear();
  state.userIds.clear();
  for (const [key, user] of content.users) addUser(state, key, user);
  refill(state.engaged, content.engaged);
  refill(state.lookupCache, content.lookupCache);
  refill(state.pendingLookups, content.pendingLookups);
  replace(state.blocklist, content.blocklist);
  replace(state.reports, content.reports);
  replace(state.messages, content.messages);
  state.blocklistVersion = content.blocklistVersion;
}

function refill<V>(map: Map<string, V>, entries: Array<[string, V]>): void {
  map.clear();
  for (const [key, value] of entries) map.set(key, value);
}

function replace<T>(list: T[], items: T[]): void {
  list.length = 0;
  for (const item of items) list.push(item);
}
