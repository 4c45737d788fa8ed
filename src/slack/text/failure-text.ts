import { randomBytes } from "node:crypto";
import { AppError } from "../../common/app-error.js";
import type { ModerationAction } from "../../moderation/types.js";
import type { FlowDeps } from "../flows/deps.js";
import { describeKnownError, unknownErrorText } from "./error-text.js";

/**
 * Words a failure for the person who asked (`action`: the moderation action they asked for, when one). Expected
 * refusals are logged briefly; anything unexpected is logged in full under a short id that the person is given, so
 * an operator can find it.
 */
export function failureText(error: unknown, deps: FlowDeps, action?: ModerationAction): string {
  const known = describeKnownError(error, {
    now: deps.now(),
    moderatorsConfigured: deps.moderatorsConfigured,
    action,
  });
  if (known !== undefined) {
    deps.logger.info("action refused or failed", {
      code: error instanceof AppError ? error.code : "unknown",
    });
    return known;
  }
  const errorId = randomBytes(4).toString("hex");
  deps.logger.error("unexpected failure while answering Slack", { errorId }, error);
  return unknownErrorText(errorId);
}
