/** From this version on, `POST /v1/contacts` answers "valid" for every number and its wa_id cannot be trusted. */
const STATUS_MEANINGLESS_FROM: readonly [number, number] = [2, 43];

/**
 * Whether a contact status from a server of `version` ("v2.41.2", "2.43", "v2.45") says anything. Compared
 * numerically (v2.5 < v2.43); a version that cannot be read is taken as older.
 */
export function statusIsSignal(version: string | undefined): boolean {
  const match = version === undefined ? null : /^v?(\d+)(?:\.(\d+))?/i.exec(version.trim());
  if (match === null) return true;
  const major = Number(match[1]);
  const minor = Number(match[2] ?? 0);
  const [fromMajor, fromMinor] = STATUS_MEANINGLESS_FROM;
  return major < fromMajor || (major === fromMajor && minor < fromMinor);
}
