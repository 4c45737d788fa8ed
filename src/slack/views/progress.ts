import { wellFormed } from "../../common/mrkdwn.js";
import { context, type SlackMessage } from "./blocks.js";

/** "Checking 3 numbers…" while the real answer is on its way. */
export function renderProgress(text: string): SlackMessage {
  // The fallback text is posted as is: well-formed, or the post fails (docs/CONTRACT.md §8).
  return { text: wellFormed(text), blocks: [context(`:hourglass_flowing_sand: ${text}`)] };
}
