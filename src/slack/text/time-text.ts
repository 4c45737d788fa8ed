/** Short human durations for messages: "just now", "12 min", "3 h", "2 d". */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function formatDuration(ms: number): string {
  const abs = Math.max(0, ms);
  if (abs < MINUTE) return "less than a minute";
  if (abs < HOUR) return `${Math.floor(abs / MINUTE)} min`;
  if (abs < DAY) return `${Math.floor(abs / HOUR)} h`;
  return `${Math.floor(abs / DAY)} d`;
}

/** "3 h ago" for a moment `ageMs` in the past; "just now" under a minute. */
export function formatAge(ageMs: number): string {
  return ageMs < MINUTE ? "just now" : `${formatDuration(ageMs)} ago`;
}

export function formatAgo(iso: string, now: number): string {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? iso : formatAge(now - at);
}

/** "2026-11-25 14:05 UTC": unambiguous for a team spread over time zones. */
export function formatUtc(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
