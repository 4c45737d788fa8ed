import { AppError } from "../common/app-error.js";

/** The webhook body is not JSON, or not an on-prem or cloud notification. */
export class WebhookPayloadError extends AppError {
  readonly code = "webhook_bad_payload";
}
