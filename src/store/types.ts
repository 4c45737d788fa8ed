import type Keyv from "keyv";

export type StoreKind = "sqlite" | "redis" | "postgres";

/** The Keyv namespaces the app keeps, one per kind of data (docs/CONTRACT.md §6). */
export type NamespaceName = "checks" | "relay" | "audit" | "budget" | "cache" | "limits";

/**
 * Operations that must hold across replicas sharing one store, which Keyv's get/set cannot give:
 * each is a single atomic statement on the underlying server (Redis INCRBY / SET NX, SQL upserts).
 */
export interface AtomicOps {
  /** Adds `by` (may be negative) to the integer at `key`, creating it at 0 with `ttlMs`; returns the new value. */
  increment(namespace: NamespaceName, key: string, by: number, ttlMs: number): Promise<number>;
  /** The integer at `key`, 0 when absent or expired; writes nothing (reading by incrementing by 0 would). */
  read(namespace: NamespaceName, key: string): Promise<number>;
  /** Sets `key` only if absent (or expired); true when this caller claimed it. The claim names this store instance. */
  claim(namespace: NamespaceName, key: string, ttlMs: number): Promise<boolean>;
  /**
   * Gives a claim this store instance holds up before its TTL, so the next claimer need not wait. A no-op when it
   * holds none: a claim that lapsed and was taken by another replica stays theirs (compare and delete, one statement).
   */
  release(namespace: NamespaceName, key: string): Promise<void>;
}

export interface AppStore {
  readonly kind: StoreKind;
  /** The store URL with any password masked, for logs. */
  readonly displayUrl: string;
  namespace<T>(name: NamespaceName): Keyv<T>;
  readonly atomic: AtomicOps;
  /** Writes one small counter; throws StoreUnavailableError when the store cannot be written (for /healthz). */
  probeWrite(): Promise<void>;
  /** Deletes expired rows (SQLite and PostgreSQL keep them until read otherwise); returns how many. */
  purgeExpired(): Promise<number>;
  close(): Promise<void>;
}
