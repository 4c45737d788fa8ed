import { wellFormed } from "../../common/mrkdwn.js";
import { type SlackMessage, section } from "./blocks.js";

/** Any refusal or failure, already worded by error-text. */
export function renderErrorMessage(text: string): SlackMessage {
  // The fallback text is posted as is: well-formed, or the post fails (docs/CONTRACT.md §8).
  return { text: wellFormed(text), blocks: [section(`:warning: ${text}`)] };
}
