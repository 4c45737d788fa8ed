import { NotModeratorError } from "./errors.js";
import type { Actor, IsModerator } from "./types.js";

export async function assertModerator(isModerator: IsModerator, actor: Actor): Promise<void> {
  if (!(await isModerator(actor))) throw new NotModeratorError(actor.userId);
}
