import { shownNumber } from "../../common/shown-number.js";
import { renderActionResult } from "../views/action-result.js";
import type { Session } from "./session.js";

/** `/wa-check unblock <number>`. */
export function runUnblock(session: Session, number: string): Promise<void> {
  return session.run(
    `Unblocking ${shownNumber(number)}…`,
    async () => renderActionResult(await session.deps.moderation.unblock(session.actor, number)),
    "unblock",
  );
}
