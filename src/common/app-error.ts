/**
 * The root of every error the app raises on purpose. `code` is stable: surfaces branch on it to word a message,
 * tests assert it, logs index it. Anything unexpected is wrapped (with `cause`) rather than passed on bare.
 */
export abstract class AppError extends Error {
  abstract readonly code: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
