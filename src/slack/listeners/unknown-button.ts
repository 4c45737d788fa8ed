import type { FlowDeps } from "../flows/deps.js";
import { type ClickArgs, openClickSession } from "../input/button-click.js";
import { StaleInteractionError } from "../input/errors.js";

export type ButtonListener = (args: ClickArgs, deps: FlowDeps) => Promise<void>;

/**
 * A button this version does not have (a message drawn by an older one): acknowledged at once and answered
 * below it, rather than left for Slack to show as failed after 3 seconds.
 */
export async function unknownButton(args: ClickArgs, deps: FlowDeps): Promise<void> {
  await openClickSession(
    args,
    deps,
    () => {
      throw new StaleInteractionError("this button is not one this version has");
    },
    "below",
  );
}
