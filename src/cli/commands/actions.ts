import type { ActionResult, ModerationAction } from "../../moderation/types.js";
import { EXIT, type ExitCode } from "../exit.js";
import type { CliOutput } from "../output.js";
import type { CliSession } from "../session.js";
import { describeError, shown } from "../text/error-words.js";

/** `block`, `unblock` and `report`: one action through the moderation core, audited there (docs/CONTRACT.md §10). */

export interface ReportFlags {
  reason?: string;
  messageId?: string;
  block?: boolean;
}

export function block(session: CliSession, out: CliOutput, input: string, reason?: string) {
  return act(out, "block", input, () => session.core.moderation.block(session.actor, input, reason));
}

export function unblock(session: CliSession, out: CliOutput, input: string) {
  return act(out, "unblock", input, () => session.core.moderation.unblock(session.actor, input));
}

export function report(session: CliSession, out: CliOutput, input: string, flags: ReportFlags) {
  return act(out, "report", input, () =>
    session.core.moderation.report(session.actor, input, {
      ...(flags.reason === undefined ? {} : { reason: flags.reason }),
      ...(flags.messageId === undefined ? {} : { messageId: flags.messageId }),
      ...(flags.block === undefined ? {} : { block: flags.block }),
    }),
  );
}

async function act(
  out: CliOutput,
  action: ModerationAction,
  input: string,
  run: () => Promise<ActionResult>,
): Promise<ExitCode> {
  let result: ActionResult;
  try {
    result = await run();
  } catch (error) {
    // The core has stored (and posted) the audit record of the refusal or failure already.
    const words = describeError(error);
    if (out.json) out.data({ ok: false, action, input, error: words });
    out.note(`Not done: ${words.message}`);
    return EXIT.failed;
  }
  if (out.json) {
    out.data({
      ok: true,
      action,
      contact: result.contact,
      recordedOnly: result.recordedOnly ?? false,
      warnings: result.warnings.map((warning) => warning.message),
      audit: result.record,
    });
  } else {
    out.line(`${doneSentence(result)} (audit id ${result.record.id})`);
    if (result.record.detail && !result.recordedOnly) out.line(`  ${result.record.detail}`);
  }
  for (const warning of result.warnings) out.note(`Note: ${warning.message}`);
  return EXIT.ok;
}

function doneSentence(result: ActionResult): string {
  const contact = shown(result.contact);
  if (result.action === "block") return `Blocked ${contact}.`;
  if (result.action === "unblock") return `Unblocked ${contact}.`;
  const alsoBlocked = result.record.alsoBlock ? " and blocked it" : "";
  if (result.recordedOnly) {
    return `Recorded the report of ${contact}${alsoBlocked}: WhatsApp offers businesses no report API, so it is kept in the audit trail only.`;
  }
  return `Reported ${contact} to WhatsApp${alsoBlocked}.`;
}
