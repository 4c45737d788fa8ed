import { AppError } from "../common/app-error.js";
import type { InvalidPhoneReason } from "./types.js";

/** What was typed is not a phone number; `message` says why in words a moderator understands. */
export class InvalidPhoneNumberError extends AppError {
  readonly code = "invalid_phone";
  readonly input: string;
  readonly reason: InvalidPhoneReason;

  constructor(input: string, reason: InvalidPhoneReason, message: string) {
    super(message);
    this.input = input;
    this.reason = reason;
  }
}
