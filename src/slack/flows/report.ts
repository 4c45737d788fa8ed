import { shownNumber } from "../../common/shown-number.js";
import type { ReportRequest } from "../../moderation/types.js";
import { renderActionResult } from "../views/action-result.js";
import type { Session } from "./session.js";

/** `/wa-check report <number> [message_id] [--block] [reason]` and the report modal's submission. */
export function runReport(session: Session, number: string, request: ReportRequest): Promise<void> {
  return session.run(
    `Reporting ${shownNumber(number)}…`,
    async () => renderActionResult(await session.deps.moderation.report(session.actor, number, request)),
    "report",
  );
}
