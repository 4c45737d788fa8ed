import { shownNumber } from "../../common/shown-number.js";
import { renderHistory } from "../views/history.js";
import type { Session } from "./session.js";

/** `/wa-check history <number>`. */
export function runHistory(session: Session, number: string): Promise<void> {
  return session.run(`Looking up the history of ${shownNumber(number)}…`, async () =>
    renderHistory(await session.deps.moderation.history(session.actor, number), session.deps.now()),
  );
}
