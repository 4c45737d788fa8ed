import { context, type SlackMessage } from "./blocks.js";

/** "Checking 3 numbers…" while the real answer is on its way. */
export function renderProgress(text: string): SlackMessage {
  return { text, blocks: [context(`:hourglass_flowing_sand: ${text}`)] };
}
