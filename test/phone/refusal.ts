import { expect } from "vitest";
import { InvalidPhoneNumberError } from "../../src/phone/index.js";

/** Runs `action`, expects it to refuse with InvalidPhoneNumberError, and returns the error for its reason and message. */
export function refusal(action: () => unknown): InvalidPhoneNumberError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidPhoneNumberError);
    return error as InvalidPhoneNumberError;
  }
  throw new Error("expected an InvalidPhoneNumberError, but nothing was thrown");
}
