import { SandboxApiFailure, SandboxInputError } from "./errors.js";

/** Titles the real server gives its error codes; faults with a bare code borrow them. */
const TITLES: Readonly<Record<number, string>> = {
  1000: "Generic error",
  1005: "Access denied",
  1006: "Resource not found",
  1008: "Required parameter is missing",
  1009: "Parameter value is not valid",
  1010: "Parameter is not required",
  1011: "Service not ready",
  1013: "User is not valid",
  1014: "Internal error",
  1015: "Too many requests",
  1016: "System overloaded",
  1017: "Not Primary Master",
  1018: "Not Primary Coreapp",
  2048: "Not engaged contact",
};

export function titleFor(code: number): string {
  return TITLES[code] ?? "Generic error";
}

function failure(httpStatus: number, waCode: number, details: string): SandboxApiFailure {
  return new SandboxApiFailure({ httpStatus, waCode, title: titleFor(waCode), details });
}

export const apiErrors = {
  accessDenied: (details: string) => failure(401, 1005, details),
  notFound: (details: string) => failure(404, 1006, details),
  badJson: (details: string) => failure(400, 1000, details),
  internal: (details: string) => failure(500, 1014, details),
  missingParameter: (details: string) => failure(400, 1008, details),
  invalidParameter: (details: string) => failure(400, 1009, details),
  unexpectedParameter: (details: string) => failure(400, 1010, details),
  notEngaged: () =>
    failure(400, 2048, "Invalid Request. This contact has not engaged with you in the last 24 hrs."),
  invalidContactId: () =>
    failure(
      400,
      1009,
      "Provided WhatsApp ID is not valid. Please provide a valid WhatsApp ID or a phone number with a country code",
    ),
  tooManyRequests: (retryAfterSeconds: number) =>
    new SandboxApiFailure(
      { httpStatus: 429, waCode: 1015, title: titleFor(1015), details: "Rate limit exceeded, retry later" },
      { "retry-after": String(retryAfterSeconds) },
    ),
};

/** The server's answer for a thrown error, when it is one the sandbox raises on purpose. */
export function asApiFailure(error: unknown): SandboxApiFailure | undefined {
  if (error instanceof SandboxApiFailure) return error;
  if (error instanceof SandboxInputError) return apiErrors.invalidParameter(error.message);
  return undefined;
}
