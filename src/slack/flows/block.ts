import { shownNumber } from "../../common/shown-number.js";
import { renderActionResult } from "../views/action-result.js";
import type { Session } from "./session.js";

/** `/wa-check block <number> [reason]` and the Block button of a check row. */
export function runBlock(session: Session, number: string, reason?: string): Promise<void> {
  return session.run(
    `Blocking ${shownNumber(number)}…`,
    async () => renderActionResult(await session.deps.moderation.block(session.actor, number, reason)),
    "block",
  );
}
