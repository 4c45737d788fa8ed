export { createStore, type StoreOptions } from "./create-store.js";
export { StoreUnavailableError, StoreUrlError } from "./errors.js";
export type { AppStore, AtomicOps, NamespaceName, StoreKind } from "./types.js";
