/**
 * Characters as a person counts them: an emoji is one, not the two UTF-16 units `String.length` sees. Shared so
 * the bot and the sandbox it is tested against never disagree on whether a text is too long.
 */
export function characterCount(text: string): number {
  return Array.from(text).length;
}
