import { type SlackMessage, section } from "./blocks.js";

/** Any refusal or failure, already worded by error-text. */
export function renderErrorMessage(text: string): SlackMessage {
  return { text, blocks: [section(`:warning: ${text}`)] };
}
