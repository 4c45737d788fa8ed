export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

/** The next UTC midnight after `ms`, as ISO text. */
export function nextUtcMidnight(ms: number): string {
  const date = new Date(ms);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1)).toISOString();
}
