/**
 * Our log levels. Bolt's `LogLevel` enum has the same string values; it is mapped only where the logger meets
 * Bolt's `Logger` interface (logger.ts), so the rest of the app never imports it.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";
