import { AppError } from "../common/app-error.js";

/** The webhook body is not JSON, or not an on-prem or cloud notification. */
export class WebhookPayloadError extends AppError {
  readonly code = "webhook_bad_payload";
}

/** A message could not be given a queue position that drainers would read (the store is too slow to write it). */
export class RelayQueueError extends AppError {
  readonly code = "relay_queue_unwritable";
  constructor(position: number) {
    super(`the relay queue skipped position ${position} before its message was stored`);
  }
}
