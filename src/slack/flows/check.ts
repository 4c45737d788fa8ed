import { plural } from "../text/text-rules.js";
import { renderCheckResult } from "../views/check-result.js";
import type { Session } from "./session.js";

export interface CheckForm {
  inputs: string[];
  force: boolean;
  wait: boolean;
}

/** `/wa-check <numbers>` and the Re-check button: progress while WhatsApp is still processing, then a row each. */
export function runCheck(session: Session, form: CheckForm): Promise<void> {
  const count = plural(form.inputs.length, "number");
  return session.run(`Checking ${count}…`, async () => {
    const report = await session.deps.moderation.check(session.actor, {
      inputs: form.inputs,
      force: form.force,
      wait: form.wait,
      onProgress: ({ done, total, round }) =>
        session.progress(
          `Checking ${count}… ${done} of ${total} answered; WhatsApp is still processing (round ${round}).`,
        ),
    });
    return renderCheckResult(report);
  });
}
