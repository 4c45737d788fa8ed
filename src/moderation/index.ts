export * from "./errors.js";
export { createModerationService, type ModerationDeps } from "./service.js";
export type * from "./types.js";
